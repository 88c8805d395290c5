// The CLI's messages follow --locale, else LC_ALL / LC_MESSAGES / LANG (`C` → English); the --jobs worker
// threads use the same language.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { lines, PUBLICCODE_CORPUS, runCli, STYLISH_LINE } from './run';

const MATILDE = path.join(PUBLICCODE_CORPUS, 'AUSL-ReggioEmilia__Matilde__publiccode.yml');
const OLD_VERSION = {
  en: 'v0.2 is not the latest version of publiccode.yml; use "0" (always the latest 0.x, now 0.7). Catalogues and the reference validator check every file against 0.7.',
  es: 'v0.2 no es la última versión de publiccode.yml; use "0" (siempre la última 0.x, ahora 0.7). Los catálogos y el validador de referencia comprueban todos los archivos con 0.7.',
  fr: 'v0.2 n\'est pas la dernière version de publiccode.yml ; utilisez "0" (toujours la dernière 0.x, actuellement 0.7). Les catalogues et le validateur de référence vérifient chaque fichier avec 0.7.',
};
const NO_LOCALE = { LC_ALL: '', LC_MESSAGES: '', LANG: '' };

function findings(stdout: string) {
  return lines(stdout).map((l) => STYLISH_LINE.exec(l)?.groups).filter((g) => g !== undefined);
}

test('LANG=fr_FR.UTF-8: French messages and summary, same rule ids and positions as in English', () => {
  const en = runCli(['check', MATILDE], { env: { ...NO_LOCALE, LANG: 'C' } });
  const fr = runCli(['check', MATILDE], { env: { ...NO_LOCALE, LANG: 'fr_FR.UTF-8' } });
  assert.equal(fr.status, en.status);
  const e = findings(en.stdout);
  const f = findings(fr.stdout);
  assert.ok(e.length >= 5, en.stdout);
  assert.deepEqual(f.map((g) => [g.line, g.column, g.ruleId]), e.map((g) => [g.line, g.column, g.ruleId]));
  assert.equal(f.find((g) => g.ruleId === 'publiccode/old-version')?.message, OLD_VERSION.fr);
  assert.equal(e.find((g) => g.ruleId === 'publiccode/old-version')?.message, OLD_VERSION.en);
  assert.match(fr.stdout, /✖ \d+ problèmes \(\d+ erreurs?, \d+ avertissements?\) dans 1 sur 1 fichier/);
});

test('--locale es wins over LANG; LC_ALL wins over LANG; LANG=C is English', () => {
  const es = runCli(['check', MATILDE, '--locale', 'es'], { env: { ...NO_LOCALE, LANG: 'fr_FR.UTF-8' } });
  assert.equal(findings(es.stdout).find((g) => g.ruleId === 'publiccode/old-version')?.message, OLD_VERSION.es);
  assert.match(es.stdout, /✖ \d+ problemas \(\d+ error(es)?, \d+ advertencias?\) en 1 de 1 archivo/);
  const all = runCli(['check', MATILDE], { env: { ...NO_LOCALE, LC_ALL: 'es_MX.UTF-8', LANG: 'fr_FR.UTF-8' } });
  assert.equal(findings(all.stdout).find((g) => g.ruleId === 'publiccode/old-version')?.message, OLD_VERSION.es);
  const c = runCli(['check', MATILDE], { env: { ...NO_LOCALE, LANG: 'C' } });
  assert.equal(findings(c.stdout).find((g) => g.ruleId === 'publiccode/old-version')?.message, OLD_VERSION.en);
  const unknown = runCli(['check', MATILDE, '--locale', 'de'], { env: NO_LOCALE });
  assert.equal(findings(unknown.stdout).find((g) => g.ruleId === 'publiccode/old-version')?.message, OLD_VERSION.en);
});

test('--jobs 2: the worker threads use the same language', () => {
  const dir = path.dirname(MATILDE);
  const files = [MATILDE, path.join(dir, 'ARPA-SIMC__dballe__publiccode.yml'), path.join(dir, 'Arpae-it__Rshortener__publiccode.yml')];
  const r = runCli(['check', ...files, '--jobs', '2', '--format', 'json', '--locale', 'fr'], { env: NO_LOCALE });
  const reports = JSON.parse(r.stdout) as { findings?: { ruleId: string; message: string }[] }[] | { files: { findings: { ruleId: string; message: string }[] }[] };
  const all = (Array.isArray(reports) ? reports : reports.files).flatMap((x) => x.findings ?? []);
  assert.ok(all.length > 5, r.stdout.slice(0, 500));
  assert.ok(all.some((f) => f.message === OLD_VERSION.fr));
  assert.ok(!all.some((f) => f.message === OLD_VERSION.en));
});

test('--help documents --locale', () => {
  const r = runCli(['--help']);
  assert.match(r.stdout, /--locale <tag>/);
});
