// The core's `Workspace` for hosts without a file system (the web worker language server): reads go to
// the client through a request function (`civicSchemas/readFile`, answered with `vscode.workspace.fs`).
//
// Confinement: `resolve` only hands out URIs inside a workspace folder (same scheme and authority, path
// under the folder's path after normalising `.`/`..`), every call re-checks its URI, and the client
// checks again with `vscode.workspace.getWorkspaceFolder` before it reads anything.

import { URI, Utils } from 'vscode-uri';
import type { Workspace } from '../core/types';

export const READ_FILE_REQUEST = 'civicSchemas/readFile';

export interface ReadFileParams {
  uri: string;
  /** false: only whether it exists (and what it is). */
  content: boolean;
}

export interface ReadFileResult {
  type: 'file' | 'directory' | 'missing';
  /** The bytes, base64-encoded, when `content` was asked for and it is a file. */
  base64?: string;
}

/** Is `uri` the folder itself or inside it? Both already normalised by `URI.parse`/`Utils`. */
export function isInside(folder: URI, uri: URI): boolean {
  if (folder.scheme !== uri.scheme || folder.authority.toLowerCase() !== uri.authority.toLowerCase()) return false;
  const base = folder.path.endsWith('/') ? folder.path : `${folder.path}/`;
  return uri.path === folder.path || uri.path.startsWith(base);
}

/** File access through the client, confined to the workspace folders. */
export class ClientWorkspace implements Workspace {
  private readonly folders: URI[];

  constructor(
    folderUris: readonly string[],
    private readonly request: (params: ReadFileParams) => Promise<ReadFileResult>,
  ) {
    this.folders = folderUris.map((u) => URI.parse(u));
  }

  resolve(fromUri: string, relativePath: string): string | undefined {
    if (relativePath.includes('\0')) return undefined;
    // URLs (`https://…`, `file:///…`) and absolute paths are not workspace paths.
    if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(relativePath) || relativePath.startsWith('/') || relativePath.startsWith('\\')) return undefined;
    const from = this.confined(fromUri);
    if (!from) return undefined;
    const target = Utils.resolvePath(Utils.dirname(from), relativePath.replace(/\\/g, '/'));
    return this.folders.some((f) => isInside(f, target)) ? target.toString() : undefined;
  }

  async exists(uri: string): Promise<boolean> {
    const u = this.confined(uri);
    if (!u) return false;
    const r = await this.ask({ uri: u.toString(), content: false });
    return r.type !== 'missing';
  }

  async readFile(uri: string): Promise<Uint8Array | undefined> {
    const u = this.confined(uri);
    if (!u) return undefined;
    const r = await this.ask({ uri: u.toString(), content: true });
    return r.type === 'file' && r.base64 !== undefined ? base64ToBytes(r.base64) : undefined;
  }

  private confined(uri: string): URI | undefined {
    let u: URI;
    try {
      u = URI.parse(uri, true);
    } catch {
      return undefined;
    }
    // Normalise `..` segments before the check, so `folder/../secret` is not "inside" the folder.
    const normal = u.with({ path: Utils.resolvePath(URI.from({ scheme: 'x', path: '/' }), u.path).path });
    return this.folders.some((f) => isInside(f, normal)) ? normal : undefined;
  }

  private async ask(params: ReadFileParams): Promise<ReadFileResult> {
    try {
      return await this.request(params);
    } catch {
      return { type: 'missing' };
    }
  }
}

function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
