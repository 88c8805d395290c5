// Checks remembered by their text (rules/remember.ts): same answers, messages in the current language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rememberByText, withoutMemory } from '../../server/src/core/rules/remember';
import { checkLanguageTag } from '../../server/src/core/rules/bcp47';
import { useLocale } from '../../server/src/core/l10n';

test('a remembered check runs once per text, remembers undefined too, and not long texts', () => {
  const calls: string[] = [];
  const check = rememberByText((text: string) => {
    calls.push(text);
    return text === 'none' ? undefined : { length: text.length };
  }, 3);
  assert.deepEqual(check('en'), { length: 2 });
  assert.equal(check('en'), check('en'), 'the same result object');
  assert.equal(check('none'), undefined);
  assert.equal(check('none'), undefined);
  const long = 'x'.repeat(1000);
  check(long);
  check(long);
  assert.deepEqual(calls, ['en', 'none', long, long]);
  check('a');
  check('b'); // over the limit of 3: forgets what it had
  check('en');
  assert.deepEqual(calls.slice(4), ['a', 'b', 'en']);
});

test('a remembered message follows the message language', () => {
  try {
    const en = checkLanguageTag('en_US');
    assert.equal(en.valid, false);
    useLocale('fr');
    const fr = checkLanguageTag('en_US');
    assert.equal(fr.valid, false);
    assert.notEqual(!en.valid && en.reason, !fr.valid && fr.reason, 'the French reason, not the remembered English one');
  } finally {
    useLocale('en');
  }
});

test('withoutMemory: every check runs its code, nothing is remembered meanwhile, and memory comes back after', async () => {
  const calls: string[] = [];
  const check = rememberByText((text: string) => (calls.push(text), text.length));
  check('known');
  const inside = await withoutMemory(async () => {
    await Promise.resolve();
    return [check('known'), check('known'), check('new'), check('new')];
  });
  assert.deepEqual(inside, [5, 5, 3, 3]);
  assert.deepEqual(calls, ['known', 'known', 'known', 'new', 'new']);
  check('known');
  check('new'); // not remembered from inside: computed now, then remembered
  check('new');
  assert.deepEqual(calls.slice(5), ['new']);
  await assert.rejects(withoutMemory(async () => { throw new Error('boom'); }));
  check('new');
  assert.equal(calls.length, 6, 'remembering again after a failure');
});
