// The stdio message writer of the Node language server: the same bytes as vscode-jsonrpc's own writer,
// but a big document's diagnostics (a catalog can have thousands, several MB of JSON) are serialized run
// by run (lsp/scheduler.ts: one run per item), and each run's JSON is kept while the run is unchanged.
// After an edit only the changed runs are serialized; the message is put together from the kept buffers.

import { StreamMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';
import { DIAGNOSTIC_RUNS } from '../lsp/scheduler';

const PLACEHOLDER = JSON.stringify('\u0000civic-schemas:diagnostics\u0000');
const COMMA = Buffer.from(',');
const runJson = new WeakMap<object, Buffer>();

/** The message as UTF-8 JSON, exactly as `JSON.stringify` would write it. */
export function encodeMessage(msg: Message): Buffer {
  const m = msg as Message & { method?: string; params?: { diagnostics?: unknown } };
  const diagnostics = m.method === 'textDocument/publishDiagnostics' ? m.params?.diagnostics : undefined;
  const runs = Array.isArray(diagnostics) ? ((diagnostics as unknown as Record<symbol, unknown>)[DIAGNOSTIC_RUNS] as unknown[][] | undefined) : undefined;
  if (!runs) return Buffer.from(JSON.stringify(msg, undefined, 0), 'utf8');
  const shell = JSON.stringify({ ...m, params: { ...m.params, diagnostics: JSON.parse(PLACEHOLDER) } });
  const at = shell.indexOf(PLACEHOLDER);
  const parts: Buffer[] = [Buffer.from(`${shell.slice(0, at)}[`, 'utf8')];
  let first = true;
  for (const run of runs) {
    if (run.length === 0) continue;
    let json = runJson.get(run);
    if (!json) runJson.set(run, (json = Buffer.from(JSON.stringify(run).slice(1, -1), 'utf8')));
    if (!first) parts.push(COMMA);
    parts.push(json);
    first = false;
  }
  parts.push(Buffer.from(`]${shell.slice(at + PLACEHOLDER.length)}`, 'utf8'));
  return Buffer.concat(parts);
}

export function diagnosticsWriter(output: NodeJS.WritableStream): MessageWriter {
  return new StreamMessageWriter(output, {
    charset: 'utf-8',
    contentTypeEncoder: {
      name: 'application/json',
      encode: (msg: Message) => {
        try {
          return Promise.resolve(encodeMessage(msg));
        } catch (err) {
          return Promise.reject(err);
        }
      },
    },
  });
}
