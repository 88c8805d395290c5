// A seeded random source for tests that generate cases, so that a failure can be replayed.

/** Integers in [0, n) from xorshift32 (every bit varies; a power-of-two LCG's low bits repeat with a short period). */
export function seededRandom(seed: number): (n: number) => number {
  let s = seed | 0 || 1;
  return (n: number) => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % n;
  };
}
