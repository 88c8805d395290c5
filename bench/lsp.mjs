// A minimal LSP client for the benchmark: spawns a language server over stdio, answers the requests an
// editor answers (configuration, registration, progress), records every publishDiagnostics with the time
// it arrived, and reads the server process's peak memory from /proc.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const rpc = require('vscode-languageserver/node');

export const CAPABILITIES = {
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    completion: {
      completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'], deprecatedSupport: true, insertReplaceSupport: false },
      contextSupport: true,
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
  workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: false } },
};

export class Client {
  /**
   * @param {string} name
   * @param {string[]} argv  node arguments (script and its options)
   * @param {{ configuration?: (section: string) => unknown, cwd?: string, env?: NodeJS.ProcessEnv }} options
   */
  constructor(name, argv, options = {}) {
    this.name = name;
    this.child = spawn(process.execPath, argv, { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? process.env });
    this.stderr = '';
    this.child.stderr.on('data', (c) => {
      if (this.stderr.length < 100_000) this.stderr += c.toString();
    });
    this.connection = rpc.createProtocolConnection(new rpc.StreamMessageReader(this.child.stdout), new rpc.StreamMessageWriter(this.child.stdin));
    /** @type {{ uri: string, version?: number, diagnostics: any[], at: number }[]} */
    this.published = [];
    this.waiters = [];
    const configuration = options.configuration ?? (() => null);
    this.connection.onNotification(rpc.PublishDiagnosticsNotification.type, (p) => {
      const entry = { ...p, at: performance.now() };
      // Only the last few are kept: a client holding hundreds of 1,000-diagnostic messages would spend
      // milliseconds in its own garbage collection, counted in the next measurement of whichever server.
      this.published.push(entry);
      if (this.published.length > 8) this.published.shift();
      for (const w of [...this.waiters]) {
        if (w.predicate(entry)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(entry);
        }
      }
    });
    this.connection.onRequest('workspace/configuration', (params) => params.items.map((i) => configuration(i.section ?? '')));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('client/unregisterCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('workspace/workspaceFolders', () => []);
    this.connection.onRequest('window/showMessageRequest', () => null);
    this.connection.onNotification(() => {});
    this.connection.onRequest(() => null);
    this.connection.listen();
  }

  get pid() {
    return this.child.pid;
  }

  async initialize({ rootUri = null, initializationOptions } = {}) {
    const result = await this.connection.sendRequest(rpc.InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'bench' }] : null,
      capabilities: CAPABILITIES,
      initializationOptions,
    });
    await this.connection.sendNotification(rpc.InitializedNotification.type, {});
    return result;
  }

  notify(method, params) {
    return this.connection.sendNotification(method, params);
  }

  request(method, params) {
    return this.connection.sendRequest(method, params);
  }

  open(uri, languageId, text, version = 1) {
    return this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri, version, range, text) {
    return this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  close(uri) {
    return this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** The next publishDiagnostics for `uri` that satisfies `predicate`, from now on. */
  waitFor(uri, predicate = () => true, timeoutMs = 180_000) {
    return new Promise((resolve, reject) => {
      const waiter = { predicate: (p) => p.uri === uri && predicate(p), resolve: (p) => (clearTimeout(timer), resolve(p)) };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`${this.name}: no matching diagnostics for ${uri} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** VmHWM (peak resident set) of the server process, in MiB. */
  peakRssMiB() {
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const m = /VmHWM:\s+(\d+)\s+kB/.exec(status);
      return m ? Number(m[1]) / 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  async shutdown() {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    try {
      await Promise.race([this.connection.sendRequest(rpc.ShutdownRequest.type), new Promise((r) => setTimeout(r, 10_000))]);
      await this.connection.sendNotification(rpc.ExitNotification.type);
    } catch {
      // the process may already be gone
    }
    const timeout = new Promise((r) => setTimeout(() => r('timeout'), 5000).unref());
    if ((await Promise.race([exited, timeout])) === 'timeout') this.child.kill('SIGKILL');
    this.connection.dispose();
  }
}
