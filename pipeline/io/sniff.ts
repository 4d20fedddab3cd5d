/** Reads a file once, streaming: its SHA-256 and its text encoding (UTF-8 BOM, UTF-8, else Windows-1252; see EncodingDetector). */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { scanUtf8 } from "./utf8.ts";

/** Text encodings the channel exports come in. */
export type TextEncoding = "utf-8-bom" | "utf-8" | "windows-1252";

/** What one pass over a file tells us before reading its records. */
export interface FileScan {
  sha256: string;
  bytes: number;
  encoding: TextEncoding;
}

/** Length of an incomplete UTF-8 sequence at the end of a buffer (0 when it ends on a boundary). */
export function incompleteUtf8Tail(buf: Uint8Array): number {
  const end = buf.length;
  for (let back = 1; back <= Math.min(3, end); back++) {
    const byte = buf[end - back] as number;
    if ((byte & 0xc0) === 0x80) continue;
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/** Counts the valid multi-byte UTF-8 sequences and the bytes that belong to no valid sequence. */
export function countUtf8(buf: Uint8Array): { sequences: number; invalid: number } {
  const { sequences, invalid } = scanUtf8(buf);
  return { sequences, invalid };
}

/**
 * Incremental encoding detector: feed chunks in order, then ask for the verdict. The rule, on the file
 * as a whole: a BOM means UTF-8; otherwise the file is UTF-8 when its valid multi-byte UTF-8 sequences
 * outnumber the bytes that fit no UTF-8 sequence (none of either: plain ASCII, read as UTF-8), and
 * Windows-1252 otherwise. So one bad byte in a UTF-8 file does not turn it into Windows-1252 (the bad line
 * is rejected), while a Windows-1252 file, whose accented letters are isolated high bytes, is read as such.
 */
export class EncodingDetector {
  private first = true;
  private bom = false;
  private sequences = 0;
  private invalid = 0;
  private carry: Buffer = Buffer.alloc(0);

  /** Feeds the next chunk of the file. */
  push(chunk: Buffer): void {
    let data = chunk;
    if (this.first) {
      this.first = false;
      if (data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
        this.bom = true;
        return;
      }
    }
    if (this.bom) return;
    if (this.carry.length > 0) data = Buffer.concat([this.carry, data]);
    const tail = incompleteUtf8Tail(data);
    this.carry = Buffer.from(data.subarray(data.length - tail));
    const counts = countUtf8(data.subarray(0, data.length - tail));
    this.sequences += counts.sequences;
    this.invalid += counts.invalid;
  }

  /** The encoding, once every chunk was fed. */
  result(): TextEncoding {
    if (this.bom) return "utf-8-bom";
    const invalid = this.invalid + this.carry.length;
    return invalid === 0 || this.sequences > invalid ? "utf-8" : "windows-1252";
  }
}

/** Scans a file: SHA-256, size and encoding, in one streaming pass. */
export async function scanFile(file: string): Promise<FileScan> {
  const hash = createHash("sha256");
  const detector = new EncodingDetector();
  let bytes = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const buf = chunk as Buffer;
    hash.update(buf);
    detector.push(buf);
    bytes += buf.length;
  }
  return { sha256: hash.digest("hex"), bytes, encoding: detector.result() };
}
