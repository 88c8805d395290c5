// The Node.js implementation of the core's `Workspace`: file access confined to one or more root
// directories. Shared by the CLI and the Node language server, so it knows nothing about either.
//
// Confinement is checked twice: lexically (`path.relative` from a root must not climb out of it) and,
// for paths that exist, after resolving symbolic links (`fs.realpath`), so a link inside the workspace
// cannot lead a rule to read `/etc/passwd`. Every method re-checks its URI, so a URI that did not come
// from `resolve` is confined too.

import { promises as fsp, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Workspace } from '../core/types';

export class NodeWorkspace implements Workspace {
  /** Absolute, normalised root directories as given. */
  readonly roots: readonly string[];
  /** The same roots with symbolic links resolved (a root may itself live behind a link). */
  private readonly realRoots: readonly string[];

  /** @param roots directories (absolute or relative to the current directory) the workspace may read. */
  constructor(roots: string | readonly string[]) {
    const list = (typeof roots === 'string' ? [roots] : [...roots]).map((r) => path.resolve(r));
    if (list.length === 0) throw new Error('NodeWorkspace needs at least one root directory');
    this.roots = list;
    this.realRoots = list.map((r) => realpathOrSelf(r));
  }

  resolve(fromUri: string, relativePath: string): string | undefined {
    if (relativePath.includes('\0')) return undefined;
    const from = this.toPath(fromUri);
    if (from === undefined) return undefined;
    // A URL with a scheme (`https://…`, `file:///…`, `mailto:`) is not a workspace path. Single-letter
    // "schemes" are Windows drive letters (`C:\…`), which `path.resolve` handles as absolute paths.
    if (/^[A-Za-z][A-Za-z0-9+.-]+:/.test(relativePath)) return undefined;
    const target = path.resolve(path.dirname(from), relativePath);
    if (!this.isConfined(target)) return undefined;
    return pathToFileURL(target).href;
  }

  async exists(uri: string): Promise<boolean> {
    const p = this.toPath(uri);
    if (p === undefined || !this.isConfined(p)) return false;
    try {
      await fsp.stat(p);
      return true;
    } catch {
      return false;
    }
  }

  async readFile(uri: string): Promise<Uint8Array | undefined> {
    const p = this.toPath(uri);
    if (p === undefined || !this.isConfined(p)) return undefined;
    try {
      return await fsp.readFile(p);
    } catch {
      // Missing, a directory, unreadable: the caller only needs to know there is no content.
      return undefined;
    }
  }

  /** Is this absolute path inside a root, both as written and with symbolic links resolved? */
  isConfined(absolutePath: string): boolean {
    const lexical = path.resolve(absolutePath);
    if (!this.roots.some((root) => isInside(root, lexical))) return false;
    const real = realpathOfNearestExisting(lexical);
    return this.realRoots.some((root) => isInside(root, real));
  }

  /** A `file:` URI or a root-relative path → an absolute path; undefined for other schemes. */
  private toPath(uri: string): string | undefined {
    if (uri.includes('\0')) return undefined;
    if (/^file:/i.test(uri)) {
      try {
        return fileURLToPath(uri);
      } catch {
        return undefined;
      }
    }
    if (/^[A-Za-z][A-Za-z0-9+.-]+:/.test(uri)) return undefined;
    return path.resolve(this.roots[0], uri);
  }
}

function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..' + path.sep) && rel !== '..' && !path.isAbsolute(rel));
}

function realpathOrSelf(p: string): string {
  try {
    return realpathSync.native(p);
  } catch {
    return p;
  }
}

/**
 * The real path of `p`, or — when `p` does not exist — the real path of its nearest existing ancestor
 * with the missing tail appended. A link to the outside followed by a missing name is still outside.
 */
function realpathOfNearestExisting(p: string): string {
  let existing = p;
  const tail: string[] = [];
  for (;;) {
    try {
      const real = realpathSync.native(existing);
      return tail.length ? path.join(real, ...tail.reverse()) : real;
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return p;
      tail.push(path.basename(existing));
      existing = parent;
    }
  }
}
