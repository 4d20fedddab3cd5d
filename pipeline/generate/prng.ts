/**
 * Seeded pseudo-random numbers (sfc32, seeded through splitmix32) and the draws the generator needs.
 * Never Math.random: the same seed always yields the same sequence.
 */

/** A seeded random source with the helpers the generator uses. */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] (both included). */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** Standard normal draw (Box–Muller). */
  normal(): number;
  /** Lognormal draw with the given median and sigma of the underlying normal. */
  lognormal(median: number, sigma: number): number;
  /** Eight lowercase hex digits. */
  hex8(): string;
}

/** splitmix32 step: spreads a 32-bit seed into well-mixed state words. */
function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [next, (z ^ (z >>> 16)) >>> 0];
}

/** Derives a 32-bit seed from a base seed and labels (e.g. a month index), so streams are independent. */
export function deriveSeed(seed: number, ...labels: (number | string)[]): number {
  let h = (seed ^ 0x811c9dc5) >>> 0;
  for (const label of labels) {
    const text = String(label);
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    h = Math.imul(h ^ 0xff, 0x01000193) >>> 0;
  }
  return h;
}

/** Creates an sfc32 generator from a 32-bit integer seed. */
export function createRng(seed: number): Rng {
  let s = seed | 0;
  const words: number[] = [];
  for (let i = 0; i < 4; i++) {
    const [state, out] = splitmix32(s);
    s = state;
    words.push(out);
  }
  let [a, b, c, d] = words as [number, number, number, number];
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    normal: () => {
      const u = 1 - next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    lognormal: (median, sigma) => median * Math.exp(sigma * rng.normal()),
    hex8: () => (Math.floor(next() * 4294967296) >>> 0).toString(16).padStart(8, "0"),
  };
  return rng;
}

/** Cumulative weights for fast weighted draws. */
export interface WeightTable<T> {
  items: readonly T[];
  cumulative: Float64Array;
}

/** Builds a weighted table; weights need not sum to 1 but must be ≥ 0 with a positive total. */
export function weightTable<T>(entries: readonly (readonly [T, number])[]): WeightTable<T> {
  const cumulative = new Float64Array(entries.length);
  let total = 0;
  entries.forEach(([, w], i) => {
    total += w;
    cumulative[i] = total;
  });
  if (!(total > 0)) throw new Error("weightTable: total weight must be positive");
  for (let i = 0; i < cumulative.length; i++) cumulative[i] = (cumulative[i] as number) / total;
  return { items: entries.map(([item]) => item), cumulative };
}

/** Draws one item of a weighted table. */
export function drawWeighted<T>(rng: Rng, table: WeightTable<T>): T {
  const u = rng.next();
  const { cumulative, items } = table;
  for (let i = 0; i < cumulative.length; i++) if (u < (cumulative[i] as number)) return items[i] as T;
  return items[items.length - 1] as T;
}
