import iconv from "iconv-lite";
import { expect, test } from "vitest";
import { decodeWindows1252 } from "./decode.ts";

test("decodes every byte exactly as iconv-lite's win1252", () => {
  const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  expect(decodeWindows1252(all)).toBe(iconv.decode(all, "win1252"));
  const text = Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x92, 0x9d, 0x0d, 0x0a]);
  expect(decodeWindows1252(text)).toBe(iconv.decode(text, "win1252"));
});
