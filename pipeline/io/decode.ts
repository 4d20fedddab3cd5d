/** Streams a file as decoded text chunks, BOM removed (UTF-8 or Windows-1252). */
import { createReadStream } from "node:fs";
import iconv from "iconv-lite";
import type { TextEncoding } from "./sniff.ts";

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

/** Yields the file's text in chunks of about 1 MiB, never the whole file at once. */
export async function* decodedChunks(file: string, encoding: TextEncoding): AsyncGenerator<string> {
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  if (encoding === "windows-1252") {
    for await (const chunk of stream) {
      const text = decodeWindows1252(chunk as Buffer);
      if (text) yield text;
    }
    return;
  }
  const decoder = new TextDecoder("utf-8", { ignoreBOM: false });
  for await (const chunk of stream) {
    const text = decoder.decode(chunk as Buffer, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}
