// A Workspace over the local file system, for tests: paths resolve against the directory of the
// document and must stay inside `root`.
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Workspace } from '../../server/src/core/types';

export function fsWorkspace(root: string): Workspace {
  const base = resolve(root);
  return {
    resolve(fromUri: string, relativePath: string): string | undefined {
      let from: string;
      try {
        from = fileURLToPath(fromUri);
      } catch {
        return undefined;
      }
      const target = resolve(dirname(from), relativePath);
      if (target !== base && !target.startsWith(base + sep)) return undefined;
      return pathToFileURL(target).href;
    },
    async exists(uri: string): Promise<boolean> {
      try {
        statSync(fileURLToPath(uri));
        return true;
      } catch {
        return false;
      }
    },
    async readFile(uri: string): Promise<Uint8Array | undefined> {
      try {
        return readFileSync(fileURLToPath(uri));
      } catch {
        return undefined;
      }
    },
  };
}
