/** Reads a file once, streaming: its SHA-256 and its text encoding (UTF-8 BOM, UTF-8, else Windows-1252). */
import { isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

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

/** Incremental encoding detector: feed chunks in order, then ask for the verdict. */
export class EncodingDetector {
  private first = true;
  private bom = false;
  private valid = true;
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
    if (!this.valid) return;
    if (this.carry.length > 0) data = Buffer.concat([this.carry, data]);
    const tail = incompleteUtf8Tail(data);
    this.carry = Buffer.from(data.subarray(data.length - tail));
    if (!isUtf8(data.subarray(0, data.length - tail))) this.valid = false;
  }

  /** The encoding, once every chunk was fed. */
  result(): TextEncoding {
    if (this.bom) return "utf-8-bom";
    return this.valid && this.carry.length === 0 ? "utf-8" : "windows-1252";
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
