/** Streams a file as decoded text chunks, BOM removed (UTF-8 or Windows-1252). */
import { createReadStream } from "node:fs";
import iconv from "iconv-lite";
import type { TextEncoding } from "./sniff.ts";

/** Yields the file's text in chunks of about 1 MiB, never the whole file at once. */
export async function* decodedChunks(file: string, encoding: TextEncoding): AsyncGenerator<string> {
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  if (encoding === "windows-1252") {
    const decoder = iconv.getDecoder("win1252");
    for await (const chunk of stream) {
      const text = decoder.write(chunk as Buffer);
      if (text) yield text;
    }
    const rest = decoder.end();
    if (rest) yield rest;
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
