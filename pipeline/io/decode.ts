/** Windows-1252 decoding of byte chunks, as iconv-lite does it but faster. */
import iconv from "iconv-lite";

/** Windows-1252 differs from Latin-1 only in 0x80–0x9F: those characters, as iconv-lite decodes them. */
const WIN1252_C1 = new Map<string, string>(
  Array.from({ length: 32 }, (_, i) => [String.fromCharCode(0x80 + i), iconv.decode(Buffer.from([0x80 + i]), "win1252")]),
);
const C1 = /[\x80-\x9f]/g;

/**
 * Decodes one Windows-1252 chunk: a native Latin-1 decode (compact one-byte strings), then the few
 * C1 positions mapped as iconv-lite would. Single-byte, so chunks decode independently.
 */
export function decodeWindows1252(chunk: Buffer): string {
  const text = chunk.toString("latin1");
  C1.lastIndex = 0;
  return C1.test(text) ? text.replace(C1, (c: string) => WIN1252_C1.get(c) ?? c) : text;
}
