import { isUtf8 } from "node:buffer";
import { describe, expect, test } from "vitest";
import { scanUtf8, utf8SequenceAt } from "./utf8.ts";

/** The independent definition: a sequence is valid when Node's `isUtf8` accepts its bytes alone. */
function referenceScan(buf: Uint8Array): { sequences: number; invalid: number; firstInvalid: number } {
  let sequences = 0;
  let invalid = 0;
  let firstInvalid = 0;
  let i = 0;
  while (i < buf.length) {
    const b = buf[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need > 0 && i + need < buf.length && isUtf8(buf.subarray(i, i + need + 1))) {
      sequences++;
      i += need + 1;
    } else {
      invalid++;
      if (firstInvalid === 0) firstInvalid = i + 1;
      i++;
    }
  }
  return { sequences, invalid, firstInvalid };
}

describe("utf8SequenceAt", () => {
  test.each([
    [[0xc3, 0xa9], 2],
    [[0xc3], 0],
    [[0xc0, 0x80], 0],
    [[0xe2, 0x82, 0xac], 3],
    [[0xe0, 0x80, 0x80], 0],
    [[0xed, 0xa0, 0x80], 0],
    [[0xf0, 0x9f, 0x98, 0x80], 4],
    [[0xf4, 0x90, 0x80, 0x80], 0],
    [[0x80], 0],
  ])("%j → %i", (bytes, want) => expect(utf8SequenceAt(Uint8Array.from(bytes), 0)).toBe(want));

  test("agrees with isUtf8 on every two-byte pair and on three- and four-byte forms around the edges", () => {
    const edges = [0x00, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xff];
    const disagreements: number[][] = [];
    for (let a = 0x80; a <= 0xff; a++) {
      for (let b = 0; b <= 0xff; b++) {
        const two = Uint8Array.from([a, b]);
        if ((utf8SequenceAt(two, 0) === 2) !== isUtf8(two)) disagreements.push([a, b]);
        for (const c of edges) {
          const three = Uint8Array.from([a, b, c]);
          if ((utf8SequenceAt(three, 0) === 3) !== (a >= 0xe0 && a <= 0xef && isUtf8(three))) disagreements.push([a, b, c]);
          for (const d of [0x80, 0xbf, 0x41]) {
            const four = Uint8Array.from([a, b, c, d]);
            if ((utf8SequenceAt(four, 0) === 4) !== (a >= 0xf0 && isUtf8(four))) disagreements.push([a, b, c, d]);
          }
        }
      }
    }
    expect(disagreements).toEqual([]);
  });
});

describe("scanUtf8", () => {
  test.each([
    [[], { sequences: 0, invalid: 0, firstInvalid: 0 }],
    [[0x41, 0xc3, 0xa9, 0x42], { sequences: 1, invalid: 0, firstInvalid: 0 }],
    [[0x41, 0xe9, 0x42, 0xe9], { sequences: 0, invalid: 2, firstInvalid: 2 }],
    [[0xc3, 0xa9, 0xff, 0xf0, 0x9f, 0x98, 0x80, 0xc3], { sequences: 2, invalid: 2, firstInvalid: 3 }],
  ])("%j", (bytes, want) => expect(scanUtf8(Uint8Array.from(bytes))).toEqual(want));

  test("stops at the first invalid byte when asked", () => {
    expect(scanUtf8(Uint8Array.from([0x41, 0xff, 0xfe]), true).firstInvalid).toBe(2);
  });

  test("matches the per-sequence isUtf8 definition on pseudo-random buffers, valid or not", () => {
    let seed = 12345;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    const pieces = ["é", "€", "😀", "a", "Ω"].map((s) => [...Buffer.from(s)]);
    for (let round = 0; round < 2000; round++) {
      const bytes: number[] = [];
      const length = next() % 40;
      for (let k = 0; k < length; k++) {
        const r = next() % 10;
        if (r < 6) bytes.push(...(pieces[next() % pieces.length] as number[]));
        else bytes.push(next() % 256);
      }
      const buf = Uint8Array.from(bytes);
      expect(scanUtf8(buf)).toEqual(referenceScan(buf));
    }
  });
});
