/**
 * Byte-level pieces shared by the light email readers (single-part and multipart): lines, a header
 * block, transfer decoding. Each behaves as postal-mime does for the inputs it accepts and returns null
 * for the others. Pure.
 */
import { isUtf8 } from "node:buffer";

/** Text and encoded words are decoded as the MIME parser does: leniently, a leading BOM dropped. */
export const utf8 = new TextDecoder("utf-8");

/** Plain padded base64, without inner padding or other characters. */
export const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A text/plain type read as UTF-8 without other parameters (no format=flowed, no other charset). */
export const CONTENT_TYPE = /^text\/plain(?:;[ \t]*charset=(?:utf-8|UTF-8|"utf-8"|"UTF-8"))?$/;

/** Transfer encodings the light readers undo (lower-cased by the caller or not). */
export const TRANSFER_ENCODING = /^(?:7bit|8bit|binary|quoted-printable|base64)$/i;

/** The lines of a block, each without its line end (trailing CRs dropped too); no last empty line after a final LF. */
export function lines(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let start = 0;
  while (start < bytes.length) {
    let nl = bytes.indexOf(10, start);
    if (nl === -1) nl = bytes.length;
    let end = nl;
    while (end > start && bytes[end - 1] === 13) end--;
    out.push(bytes.subarray(start, end));
    start = nl + 1;
  }
  return out;
}

/** First value of each header (key lower-cased, folded lines joined, spaces and tabs trimmed); null when unusual. */
export function readHeaders(block: Uint8Array): Map<string, string> | null {
  // A BOM would be kept by the MIME parser as part of the first header's name: left to it.
  if (!isUtf8(block) || block[0] === 0xef) return null;
  // The block ends with the last header's line end; lines lose their trailing CRs.
  const text = utf8.decode(block).replace(/\r+\n/g, "\n").slice(0, -1);
  if (text.includes("\r") || text.startsWith(" ") || text.startsWith("\t")) return null;
  const unfolded = text.replace(/\n(?=[ \t])/g, "").split("\n");
  const headers = new Map<string, string>();
  for (const line of unfolded) {
    const sep = line.indexOf(":");
    if (sep < 0) return null;
    const key = trimWsp(line.slice(0, sep)).toLowerCase();
    if (!headers.has(key)) headers.set(key, trimWsp(line.slice(sep + 1)));
  }
  return headers;
}

/** Trims spaces and tabs only, as MIME header values are trimmed. */
function trimWsp(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && (text[start] === " " || text[start] === "\t")) start++;
  while (end > start && (text[end - 1] === " " || text[end - 1] === "\t")) end--;
  return text.slice(start, end);
}

/** The body bytes once the transfer encoding is undone; null when base64 is not plain padded base64. */
export function decodeBody(body: Uint8Array[], encoding: string): Uint8Array | null {
  if (encoding === "base64") {
    const text = body.map((l) => Buffer.from(l).toString("latin1")).join("");
    if (text.length % 4 !== 0 || !BASE64.test(text)) return null;
    return Buffer.from(text, "base64");
  }
  const parts: Uint8Array[] = [];
  for (const line of body) {
    if (encoding === "quoted-printable") parts.push(...decodeQuotedPrintableLine(line));
    else parts.push(line, NEWLINE);
  }
  return Buffer.concat(parts);
}

const NEWLINE = Uint8Array.of(10);

/** One quoted-printable line: `=XX` decoded, other `=` kept as is, a final `=` joins the next line. */
function decodeQuotedPrintableLine(line: Uint8Array): Uint8Array[] {
  const soft = line.length > 0 && line[line.length - 1] === 0x3d;
  const length = soft ? line.length - 1 : line.length;
  const out: number[] = [];
  for (let i = 0; i < length; i++) {
    const c = line[i] as number;
    if (c === 0x3d && i + 2 < length) {
      const high = hexValue(line[i + 1] as number);
      const low = hexValue(line[i + 2] as number);
      if (high >= 0 && low >= 0) {
        out.push((high << 4) | low);
        i += 2;
        continue;
      }
    }
    out.push(c);
  }
  if (!soft) out.push(10);
  return [Uint8Array.from(out)];
}

/** The value of an ASCII hexadecimal digit, or -1. */
export function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}
