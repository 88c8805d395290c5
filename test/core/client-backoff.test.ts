import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RestartBackoff } from '../../client/src/backoff';

test('restart delays double with each crash in the window, then automatic restarts stop', () => {
  const b = new RestartBackoff({ initialDelayMs: 500, maxDelayMs: 4000, windowMs: 60_000, maxRestarts: 5 });
  const delays = [0, 1, 2, 3, 4].map((i) => b.onCrash(1000 * i));
  assert.deepEqual(delays.map((d) => (d.restart ? d.delayMs : -1)), [500, 1000, 2000, 4000, 4000]);
  assert.deepEqual(b.onCrash(5000), { restart: false, crashes: 6 });
});

test('crashes older than the window are forgotten, and a manual restart resets the count', () => {
  const b = new RestartBackoff({ initialDelayMs: 100, maxDelayMs: 10_000, windowMs: 10_000, maxRestarts: 2 });
  assert.equal(b.onCrash(0).restart, true);
  assert.equal(b.onCrash(1_000).restart, true);
  assert.equal(b.onCrash(2_000).restart, false);
  assert.deepEqual(b.onCrash(20_000), { restart: true, delayMs: 100, crashes: 1 });
  b.onCrash(20_500);
  b.reset();
  assert.deepEqual(b.onCrash(21_000), { restart: true, delayMs: 100, crashes: 1 });
});
