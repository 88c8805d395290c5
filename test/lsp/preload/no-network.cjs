// TEST ONLY, loaded into the language server with `NODE_OPTIONS=--require …` by
// test/lsp/robust-no-network.test.ts: every way Node opens a socket or resolves a name is replaced by a
// trap that records the call in $CIVIC_NO_NETWORK_LOG and fails it. The first line of the log says the
// trap is armed (in which process), so a test can tell "no call" from "not loaded".
const fs = require('node:fs');
const { isMainThread, threadId } = require('node:worker_threads');

const log = process.env.CIVIC_NO_NETWORK_LOG;
if (log) {
  const record = (line) => fs.appendFileSync(log, `${line}\n`);
  record(`armed pid=${process.pid} thread=${isMainThread ? 'main' : threadId}`);
  const trap = (name) =>
    function trapped(...args) {
      let what = '';
      try {
        what = JSON.stringify(args.filter((a) => typeof a !== 'function')).slice(0, 200);
      } catch {
        what = '(unprintable)';
      }
      record(`CALL ${name} ${what}`);
      throw new Error(`network access attempted through ${name} (blocked by the test)`);
    };
  const patch = (mod, names, prefix) => {
    for (const n of names) if (typeof mod[n] === 'function') mod[n] = trap(`${prefix}.${n}`);
  };
  const net = require('node:net');
  patch(net, ['connect', 'createConnection'], 'net');
  net.Socket.prototype.connect = trap('net.Socket.connect');
  patch(require('node:tls'), ['connect'], 'tls');
  patch(require('node:http'), ['request', 'get'], 'http');
  patch(require('node:https'), ['request', 'get'], 'https');
  patch(require('node:http2'), ['connect'], 'http2');
  patch(require('node:dgram'), ['createSocket'], 'dgram');
  const dns = require('node:dns');
  patch(dns, ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveTxt', 'resolveSrv', 'reverse'], 'dns');
  patch(dns.promises, ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'reverse'], 'dns.promises');
  if (typeof globalThis.fetch === 'function') globalThis.fetch = trap('fetch');
  if (typeof globalThis.WebSocket === 'function') globalThis.WebSocket = trap('WebSocket');
}
