import { describe, expect, test } from "vitest";
import { EncodingDetector, incompleteUtf8Tail } from "./sniff.ts";

const detect = (chunks: Buffer[]) => {
  const d = new EncodingDetector();
  for (const c of chunks) d.push(c);
  return d.result();
};

describe("EncodingDetector", () => {
  test.each([
    ["UTF-8 with BOM", [Buffer.from([0xef, 0xbb, 0xbf, 0x61])], "utf-8-bom"],
    ["plain UTF-8", [Buffer.from("N° appel;Quartier\nGare-Kléber", "utf8")], "utf-8"],
    ["Windows-1252 é", [Buffer.from([0x4b, 0x6c, 0xe9, 0x62, 0x65, 0x72])], "windows-1252"],
    ["é (c3 a9) split across two chunks", [Buffer.from([0x4b, 0xc3]), Buffer.from([0xa9, 0x62])], "utf-8"],
    ["file ending inside a sequence", [Buffer.from([0x61, 0xc3])], "windows-1252"],
    ["cp1252 byte late in the file", [Buffer.from("ascii only\n"), Buffer.from([0xb0])], "windows-1252"],
    ["UTF-8 with one bad byte stays UTF-8", [Buffer.from("Kléber é à\n"), Buffer.from([0x61, 0xff, 0x0a])], "utf-8"],
    ["Windows-1252 with one accidental UTF-8 pair", [Buffer.from([0xe9, 0x20, 0xe8, 0x20, 0xc3, 0xa9])], "windows-1252"],
  ])("%s", (_name, chunks, want) => expect(detect(chunks)).toBe(want));
});

describe("incompleteUtf8Tail", () => {
  test.each([
    [[0x61], 0],
    [[0xc3], 1],
    [[0xe2, 0x82], 2],
    [[0xe2, 0x82, 0xac], 0],
    [[0xf0, 0x9f, 0x98], 3],
  ])("%j → %i", (bytes, want) => expect(incompleteUtf8Tail(Uint8Array.from(bytes))).toBe(want));
});
