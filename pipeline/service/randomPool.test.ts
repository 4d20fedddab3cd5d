import { expect, test } from "vitest";
import { RandomPool } from "./randomPool.ts";
import { newTicket } from "./secrets.ts";

/** A source that numbers its bytes, so that any byte handed out twice would show. */
function countingSource() {
  let next = 0;
  const calls: number[] = [];
  const source = (size: number) => {
    calls.push(size);
    const b = Buffer.alloc(size);
    for (let i = 0; i < size; i++) b[i] = next++ % 251;
    return b;
  };
  return { source, calls, handedOut: () => next };
}

test.each([
  [16, [10, 10, 6, 1, 16]],
  [32, [5, 5, 5, 5, 5, 5, 5]],
  [8, [3, 20, 3]],
])("chunk %i: takes %j get the right lengths, in source order, no byte twice", (chunk, sizes) => {
  const { source } = countingSource();
  const pool = new RandomPool(chunk, source);
  const seen: number[] = [];
  for (const n of sizes) {
    const bytes = pool.take(n);
    expect(bytes).toHaveLength(n);
    seen.push(...bytes);
  }
  // The source numbers fewer than 251 bytes here, so every byte value is unique: a repeat would be a byte handed out twice.
  expect(new Set(seen).size).toBe(seen.length);
});

test("the source is called once per chunk, not once per take", () => {
  const { source, calls } = countingSource();
  const pool = new RandomPool(100, source);
  for (let i = 0; i < 30; i++) pool.take(10);
  expect(calls).toEqual([100, 100, 100]);
});

test("a slice handed out is not changed by later refills", () => {
  const { source } = countingSource();
  const pool = new RandomPool(4, source);
  const first = pool.take(4);
  const copy = Buffer.from(first);
  pool.take(4);
  pool.take(4);
  expect(first).toEqual(copy);
});

test("tickets from the pool keep their form and do not repeat", () => {
  const tickets = Array.from({ length: 20_000 }, () => newTicket());
  for (const t of tickets.slice(0, 100)) expect(t).toMatch(/^SIG-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
  expect(new Set(tickets).size).toBe(tickets.length);
});
