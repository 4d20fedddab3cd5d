/**
 * Streaming splitter of a text file's bytes into physical lines, pure: byte chunks in, decoded lines out.
 * Lines are split on bytes (0x0A never occurs inside a UTF-8 sequence), so a line with invalid UTF-8 is
 * flagged on its own instead of being decoded to U+FFFD, and a line longer than the limit is flagged
 * without ever being held whole: only its first bytes are kept, the rest is skipped up to the next newline.
 */
import { isUtf8 } from "node:buffer";
import { decodeWindows1252 } from "./decode.ts";
import { scanUtf8 } from "./utf8.ts";

/** Default upper bound of one line (or one CSV record, or one mbox message), in bytes. */
export const DEFAULT_MAX_LINE_BYTES = 1 << 20;

/** Bytes kept from a line that is too long, for the rejects table (which truncates again). */
const KEPT_BYTES = 1024;

/** One physical line (1-based number, CR removed) and, when it cannot be read, why. */
export interface RawLine {
  line: number;
  text: string;
  defect: string | null;
}

/** Byte-level encodings of the channel files (the BOM, if any, is skipped by the splitter). */
export type LineEncoding = "utf-8" | "windows-1252";

/** French reasons for unreadable lines. */
export const LINE_DEFECTS = {
  invalidUtf8: (position: number) => `encodage invalide : octets non UTF-8 à la position ${position}`,
  tooLong: (max: number) =>
    `ligne trop longue (plus de ${new Intl.NumberFormat("fr-FR").format(max).replace(/\u202f|\u00a0/g, " ")} octets)`,
} as const;

/** 1-based position of the first byte that does not start a valid UTF-8 sequence (0 when valid). */
export function firstInvalidUtf8(buf: Uint8Array): number {
  return scanUtf8(buf, true).firstInvalid;
}

/** Incremental splitter: push byte chunks, receive complete lines (empty lines included, as "" text). */
export class ByteLineSplitter {
  private parts: Buffer[] = [];
  private partBytes = 0;
  private overlong = false;
  private lineNo = 0;
  private head: Buffer | null = Buffer.alloc(0);

  constructor(
    private readonly encoding: LineEncoding,
    private readonly maxBytes: number = DEFAULT_MAX_LINE_BYTES,
  ) {}

  /** Bytes of the incomplete last line held between chunks (bounded by the limit). */
  get pendingBytes(): number {
    return this.partBytes;
  }

  /** Feeds the next chunk of the file. */
  push(input: Buffer): RawLine[] {
    let chunk = input;
    if (this.head !== null) {
      // The first three bytes decide whether there is a BOM, whatever the chunk sizes.
      this.head = Buffer.concat([this.head, chunk]);
      if (this.head.length < 3) return [];
      chunk = isBom(this.head) ? this.head.subarray(3) : this.head;
      this.head = null;
    }
    const out: RawLine[] = [];
    const last = chunk.lastIndexOf(10);
    if (last === -1) {
      this.hold(chunk);
      return out;
    }
    let start = 0;
    if (this.partBytes > 0 || this.overlong) {
      const nl = chunk.indexOf(10);
      this.hold(chunk.subarray(0, nl));
      this.emitHeld(out);
      start = nl + 1;
    }
    if (start <= last) this.bulk(chunk.subarray(start, last + 1), out);
    this.hold(chunk.subarray(last + 1));
    return out;
  }

  /** Flushes the last line when the file does not end with a newline. */
  end(): RawLine[] {
    const out: RawLine[] = [];
    if (this.head !== null) {
      // Fewer than three bytes in the whole file: no BOM.
      const head = this.head;
      this.head = null;
      out.push(...this.push(head));
    }
    if (this.partBytes > 0 || this.overlong) this.emitHeld(out);
    return out;
  }

  private hold(bytes: Buffer): void {
    if (bytes.length === 0) return;
    if (this.overlong) return;
    if (this.partBytes + bytes.length > this.maxBytes) {
      this.overlong = true;
      const kept = Buffer.concat([...this.parts, bytes]).subarray(0, KEPT_BYTES);
      this.parts = [Buffer.from(kept)];
      this.partBytes = kept.length;
      return;
    }
    // A copy: the chunk's buffer may be reused by the stream.
    this.parts.push(Buffer.from(bytes));
    this.partBytes += bytes.length;
  }

  private emitHeld(out: RawLine[]): void {
    const bytes = this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts);
    const overlong = this.overlong;
    this.parts = [];
    this.partBytes = 0;
    this.overlong = false;
    if (overlong) {
      this.lineNo++;
      out.push({
        line: this.lineNo,
        text: stripCr(bytes.toString(this.encoding === "utf-8" ? "utf8" : "latin1")),
        defect: LINE_DEFECTS.tooLong(this.maxBytes),
      });
      return;
    }
    this.one(bytes, out);
  }

  /** Complete lines (the region ends with a newline): one decode for the whole region when it is clean. */
  private bulk(region: Buffer, out: RawLine[]): void {
    const clean = region.length <= this.maxBytes || noLongLine(region, this.maxBytes);
    if (clean && (this.encoding === "windows-1252" || isUtf8(region))) {
      const text = this.encoding === "utf-8" ? region.toString("utf8") : decodeWindows1252(region);
      const lines = text.split("\n");
      lines.pop();
      for (const l of lines) {
        this.lineNo++;
        out.push({ line: this.lineNo, text: stripCr(l), defect: null });
      }
      return;
    }
    let start = 0;
    for (let nl = region.indexOf(10); nl !== -1; nl = region.indexOf(10, start)) {
      const bytes = region.subarray(start, nl);
      if (bytes.length > this.maxBytes) {
        this.lineNo++;
        const kept = bytes.subarray(0, KEPT_BYTES).toString(this.encoding === "utf-8" ? "utf8" : "latin1");
        out.push({ line: this.lineNo, text: stripCr(kept), defect: LINE_DEFECTS.tooLong(this.maxBytes) });
      } else this.one(bytes, out);
      start = nl + 1;
    }
  }

  private one(bytes: Buffer, out: RawLine[]): void {
    this.lineNo++;
    if (this.encoding === "windows-1252") {
      out.push({ line: this.lineNo, text: stripCr(decodeWindows1252(bytes)), defect: null });
      return;
    }
    const bad = isUtf8(bytes) ? 0 : firstInvalidUtf8(bytes);
    // The raw text of a bad line is only kept for the rejects table; Latin-1 keeps every byte visible.
    out.push({
      line: this.lineNo,
      text: stripCr(bytes.toString(bad === 0 ? "utf8" : "latin1")),
      defect: bad === 0 ? null : LINE_DEFECTS.invalidUtf8(bad),
    });
  }
}

function isBom(b: Buffer): boolean {
  return b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
}

function stripCr(text: string): string {
  return text.endsWith("\r") ? text.slice(0, -1) : text;
}

function noLongLine(region: Buffer, max: number): boolean {
  let start = 0;
  for (let nl = region.indexOf(10); nl !== -1; nl = region.indexOf(10, start)) {
    if (nl - start > max) return false;
    start = nl + 1;
  }
  return true;
}
