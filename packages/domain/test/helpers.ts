/** Deterministic pseudo-random numbers (mulberry32) so that property-style tests are reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random integer in [min, max]. */
export const randInt = (rnd: () => number, min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));

/** Random string of `length` decimal digits. */
export const randDigits = (rnd: () => number, length: number) =>
  Array.from({ length }, () => String(randInt(rnd, 0, 9))).join('');

/** Collapses every Unicode space (NBSP, narrow NBSP …) to a plain space, for comparing Intl output. */
export const plainSpaces = (s: string) => s.replace(/\s/g, ' ');
