// A real LSP client for tests: spawns the bundled `node dist/server.js --stdio` and speaks JSON-RPC over
// its stdin/stdout. Every notification the server sends is recorded so tests can wait for, and assert
// on, exactly what an editor would receive.

import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  CompletionRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type CodeAction,
  type Command,
  type CompletionContext,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type Hover,
  type InitializeResult,
  type LogMessageParams,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
} from 'vscode-languageserver/node';

export const REPO = path.resolve(__dirname, '../..');
/** The server under test; CIVIC_LSP_SERVER points the tests at another bundle (it is then not rebuilt). */
export const SERVER = process.env.CIVIC_LSP_SERVER ? path.resolve(process.env.CIVIC_LSP_SERVER) : path.join(REPO, 'dist/server.js');
/** The shared corpus sits beside the checkout (locally and in CI). */
export const PUBLICCODE_CORPUS = path.resolve(REPO, '../shared/corpus/publiccode');

export function fileUri(p: string): string {
  return pathToFileURL(p).href;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Build dist/server.js when it is missing or older than its sources (server/src, schemas), so tests never
 * run a stale bundle. Test files run in parallel processes: a lock directory makes one of them build
 * while the others wait.
 */
export function ensureServerBuilt(): void {
  if (process.env.CIVIC_LSP_SERVER) return;
  const sources = Math.max(newestMtime(path.join(REPO, 'server/src')), newestMtime(path.join(REPO, 'schemas')));
  const fresh = () => existsSync(SERVER) && statSync(SERVER).mtimeMs >= sources;
  if (fresh()) return;
  mkdirSync(path.join(REPO, 'dist'), { recursive: true });
  const lock = path.join(REPO, 'dist/.server-build.lock');
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another process is building; a lock older than a minute is left over from a crash.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 60_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // It vanished meanwhile: try again.
      }
      if (Date.now() > deadline) throw new Error('timed out waiting for another test process to build dist/server.js');
      sleepSync(100);
    }
  }
  try {
    if (fresh()) return;
    const r = spawnSync(process.execPath, ['scripts/build.mjs', '--only', 'server'], { cwd: REPO, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`building dist/server.js failed:\n${r.stdout}\n${r.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface StartOptions {
  /** `stdio` (default): `node dist/server.js --stdio`; `ipc`: forked with `--node-ipc`, as the VS Code client does. */
  transport?: 'stdio' | 'ipc';
  initializationOptions?: unknown;
  capabilities?: ClientCapabilities;
  workspaceFolders?: string[];
  /** InitializeParams.locale: the editor's display language (`es`, `fr`…), which the server's messages follow. */
  locale?: string;
}

/** Capabilities of a modern editor (what VS Code announces for the features under test). */
export const EDITOR_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true },
    completion: {
      completionItem: {
        snippetSupport: true,
        documentationFormat: ['markdown', 'plaintext'],
        deprecatedSupport: true,
        tagSupport: { valueSet: [1] },
        insertTextModeSupport: { valueSet: [1, 2] },
      },
      contextSupport: true,
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source'] } },
      isPreferredSupport: true,
      dataSupport: true,
    },
  },
  workspace: { workspaceEdit: { documentChanges: true }, workspaceFolders: true },
};

interface Waiter {
  predicate: (p: PublishDiagnosticsParams) => boolean;
  resolve: (p: PublishDiagnosticsParams) => void;
}

export class LspTestClient {
  readonly diagnostics: PublishDiagnosticsParams[] = [];
  readonly logs: LogMessageParams[] = [];
  stderr = '';
  initializeResult!: InitializeResult;
  private waiters: Waiter[] = [];
  private exited: Promise<number | null>;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {
    this.exited = new Promise((resolve) => process.on('exit', (code) => resolve(code)));
    process.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.push(p);
      for (const w of [...this.waiters]) {
        if (w.predicate(p)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(p);
        }
      }
    });
    connection.onNotification(LogMessageNotification.method, (p: LogMessageParams) => {
      this.logs.push(p);
    });
    // Requests an editor would answer: configuration (no settings) and dynamic registration.
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    connection.onRequest('client/registerCapability', () => null);
    connection.listen();
  }

  static async start(options: StartOptions = {}): Promise<LspTestClient> {
    ensureServerBuilt();
    let child: ChildProcess;
    let connection: ProtocolConnection;
    if (options.transport === 'ipc') {
      child = fork(SERVER, ['--node-ipc', `--clientProcessId=${process.pid}`], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
      connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    } else {
      const spawned = spawn(process.execPath, [SERVER, '--stdio'], { cwd: REPO, stdio: 'pipe' });
      child = spawned;
      connection = createProtocolConnection(new StreamMessageReader(spawned.stdout), new StreamMessageWriter(spawned.stdin));
    }
    const client = new LspTestClient(child, connection);
    const folders = options.workspaceFolders ?? [];
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folders[0] ? fileUri(folders[0]) : null,
      workspaceFolders: folders.map((f) => ({ uri: fileUri(f), name: path.basename(f) })),
      capabilities: options.capabilities ?? EDITOR_CAPABILITIES,
      initializationOptions: options.initializationOptions,
      locale: options.locale,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  open(uri: string, text: string, languageId = 'yaml', version = 1): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  /** Replace the whole text (a change event without a range). */
  change(uri: string, version: number, text: string): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** The first diagnostics published for `uri` (at `version`, if given) from now on — or already received. */
  waitForDiagnostics(uri: string, version?: number, timeoutMs = 15_000): Promise<PublishDiagnosticsParams> {
    const predicate = (p: PublishDiagnosticsParams) => p.uri === uri && (version === undefined || p.version === version);
    const seen = version === undefined ? undefined : this.diagnostics.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { predicate, resolve };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no diagnostics for ${uri}${version === undefined ? '' : ` version ${version}`} within ${timeoutMs} ms; got ${JSON.stringify(this.diagnostics.map((d) => [d.uri, d.version]))}\nserver stderr: ${this.stderr}`));
      }, timeoutMs);
      waiter.resolve = (p) => {
        clearTimeout(timer);
        resolve(p);
      };
      this.waiters.push(waiter);
    });
  }

  completion(uri: string, position: Position, context?: CompletionContext): Promise<CompletionList | CompletionItem[] | null> {
    return this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position, context });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<(Command | CodeAction)[] | null> {
    return this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, only } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /** shutdown, then exit; resolves with the server's exit code. */
  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5000).unref());
    const code = await Promise.race([this.exited, timeout]);
    this.connection.dispose();
    if (code === 'timeout') {
      this.process.kill();
      throw new Error('the server did not exit within 5 s of the exit notification');
    }
    return code;
  }

  /** Kill the server if a test failed before shutting it down. */
  dispose(): void {
    if (this.process.exitCode === null && !this.process.killed) this.process.kill();
    this.connection.dispose();
  }
}

/** Items of a completion answer, whichever form it took. */
export function itemsOf(result: CompletionList | CompletionItem[] | null): CompletionItem[] {
  if (!result) return [];
  return Array.isArray(result) ? result : result.items;
}

/** Position of the first occurrence of `needle` (plus `delta` characters) in `text`. */
export function positionOf(text: string, needle: string, delta = 0): Position {
  const offset = text.indexOf(needle);
  if (offset === -1) throw new Error(`"${needle}" not found`);
  const before = text.slice(0, offset + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - (before.lastIndexOf('\n') + 1) };
}

/** Apply LSP text edits to a text (edits must not overlap). */
export function applyEdits(text: string, edits: readonly { range: Range; newText?: string }[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p: Position) => Math.min(text.length, (lineStarts[p.line] ?? text.length) + p.character);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) {
    if (typeof e.newText !== 'string') throw new Error(`not a plain text edit: ${JSON.stringify(e)}`);
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  }
  return out;
}
