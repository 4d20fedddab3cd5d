import { describe, expect, test } from "vitest";
import { ByteLineSplitter, firstInvalidUtf8 } from "./byteLines.ts";

describe("ByteLineSplitter", () => {
  test("a line far over the limit is flagged and skipped while the held bytes stay under the limit", () => {
    const s = new ByteLineSplitter("utf-8", 4096);
    const out = s.push(Buffer.from("a\n"));
    let maxHeld = 0;
    const piece = Buffer.alloc(64 * 1024, 0x78);
    for (let i = 0; i < 64; i++) {
      out.push(...s.push(piece));
      maxHeld = Math.max(maxHeld, s.pendingBytes);
    }
    out.push(...s.push(Buffer.from("\nb\n")), ...s.end());
    expect(maxHeld).toBeLessThanOrEqual(4096);
    expect(out.map((l) => [l.line, l.text.length, l.defect])).toEqual([
      [1, 1, null],
      [2, 1024, "ligne trop longue (plus de 4 096 octets)"],
      [3, 1, null],
    ]);
  });

  test.each([
    [
      "valid text split anywhere",
      Buffer.from("é1\r\nà2\n\nz"),
      [
        [1, "é1", null],
        [2, "à2", null],
        [3, "", null],
        [4, "z", null],
      ],
    ],
    [
      "one bad byte: that line only",
      Buffer.from([0x61, 0x0a, 0x62, 0xe9, 0x63, 0x0a, 0xc3, 0xa9, 0x0a]),
      [
        [1, "a", null],
        [2, "b\u00e9c", "encodage invalide : octets non UTF-8 à la position 2"],
        [3, "é", null],
      ],
    ],
    ["a BOM is skipped", Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0x0a]), [[1, "a", null]]],
  ])("%s", (_name, bytes, want) => {
    for (let cut = 0; cut <= bytes.length; cut++) {
      const s = new ByteLineSplitter("utf-8", 1024);
      const got = [...s.push(bytes.subarray(0, cut)), ...s.push(bytes.subarray(cut)), ...s.end()];
      expect(got.map((l) => [l.line, l.text, l.defect])).toEqual(want);
    }
  });
});

describe("firstInvalidUtf8", () => {
  test.each([
    [[0x61, 0x62], 0],
    [[0x61, 0xff], 2],
    [[0xc3, 0xa9, 0xc3], 3],
    [[0xe2, 0x82, 0xac, 0x80], 4],
    [[0xc0, 0x80], 1],
  ])("%j → %i", (bytes, want) => expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(want));
});
