/**
 * Light synchronous reader for the simple, well-formed messages that make up most mailboxes: headers
 * plus one text/plain UTF-8 body in 7bit, 8bit, binary, quoted-printable or base64. It gives what the
 * MIME parser (postal-mime) gives for such a message, field for field, and declines (null) anything
 * else — multipart, another charset, an attachment disposition, an address or an encoded word it does
 * not fully read — which then goes to the MIME parser. Pure; checked against postal-mime in its tests.
 */
import { isUtf8 } from "node:buffer";

/** The fields of a parsed message the intake uses, as postal-mime names them. */
export interface SimpleEmail {
  messageId?: string;
  date?: string;
  from?: { name: string; address: string };
  subject?: string;
  text?: string;
}

/** Text and encoded words are decoded as the MIME parser does: leniently, a leading BOM dropped. */
const utf8 = new TextDecoder("utf-8");

const CONTENT_TYPE = /^text\/plain(?:;[ \t]*charset=(?:utf-8|UTF-8|"utf-8"|"UTF-8"))?$/;
const TRANSFER_ENCODING = /^(?:7bit|8bit|binary|quoted-printable|base64)$/i;
const ENCODED_WORD = /^=\?utf-8\?([BbQq])\?([!->@-~]*)\?=$/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const ADDRESS = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*$/;
const NAME_AND_ADDRESS = /^([^"(),:;<>@\\[\]]*)<([^<>]*)>$/;
/** Control characters, which the address parser drops from names (tab included). */
const CONTROL = /\p{Cc}/u;

/** Reads a message (RFC 5322 bytes, no mbox separator), or null when it is not of the simple kind. */
export function readSimpleEmail(bytes: Uint8Array): SimpleEmail | null {
  const split = headerEnd(bytes);
  if (split === null) return null;
  const headers = readHeaders(bytes.subarray(0, split.headerBytes));
  if (headers === null) return null;
  const type = headers.get("content-type");
  const encoding = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  if (headers.has("content-disposition") || (type !== undefined && !CONTENT_TYPE.test(type)) || !TRANSFER_ENCODING.test(encoding))
    return null;
  const content = decodeBody(lines(bytes.subarray(split.bodyStart)), encoding);
  if (content === null) return null;
  const email: SimpleEmail = {};
  const from = headers.get("from");
  if (from) {
    const address = readAddress(from);
    if (address === null) return null;
    email.from = address;
  }
  for (const [key, field] of [
    ["subject", "subject"],
    ["message-id", "messageId"],
  ] as const) {
    const value = headers.get(key);
    if (!value) continue;
    const decoded = decodeWords(value);
    if (decoded === null) return null;
    email[field] = decoded;
  }
  const date = headers.get("date");
  if (date !== undefined) {
    const parsed = new Date(date);
    email.date = Number.isNaN(parsed.getTime()) ? date : parsed.toISOString();
  }
  const text = utf8.decode(content);
  if (text !== "") email.text = text;
  return email;
}

/** Where the header block ends (its bytes, without the empty line) and the body starts; null without an empty line. */
function headerEnd(bytes: Uint8Array): { headerBytes: number; bodyStart: number } | null {
  let start = 0;
  for (let nl = bytes.indexOf(10); nl !== -1; nl = bytes.indexOf(10, start)) {
    let end = nl;
    while (end > start && bytes[end - 1] === 13) end--;
    if (end === start) return start === 0 ? null : { headerBytes: start, bodyStart: nl + 1 };
    start = nl + 1;
  }
  return null;
}

/** The lines of a block, each without its line end (trailing CRs dropped too); no last empty line after a final LF. */
function lines(bytes: Uint8Array): Uint8Array[] {
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
function readHeaders(block: Uint8Array): Map<string, string> | null {
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
function decodeBody(body: Uint8Array[], encoding: string): Uint8Array | null {
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

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** A header value without encoded words, or made of exactly one UTF-8 encoded word; null otherwise. */
function decodeWords(value: string): string | null {
  if (!value.includes("=?")) return value;
  const word = ENCODED_WORD.exec(value);
  if (!word) return null;
  const [, kind, encoded] = word as unknown as [string, string, string];
  if (kind === "B" || kind === "b") {
    if (encoded.length % 4 !== 0 || !BASE64.test(encoded)) return null;
    return utf8.decode(Buffer.from(encoded, "base64"));
  }
  const bytes: number[] = [];
  for (let i = 0; i < encoded.length; i++) {
    const c = encoded.charCodeAt(i);
    const high = c === 0x3d ? hexValue(encoded.charCodeAt(i + 1)) : -1;
    const low = high >= 0 ? hexValue(encoded.charCodeAt(i + 2)) : -1;
    if (low >= 0) {
      bytes.push((high << 4) | low);
      i += 2;
    } else bytes.push(c === 0x5f ? 0x20 : c);
  }
  return utf8.decode(Uint8Array.from(bytes));
}

/** `address`, `<address>` or `Name <address>` (the name plain text or one encoded word); null for any other form. */
function readAddress(value: string): { name: string; address: string } | null {
  if (ADDRESS.test(value)) return { name: "", address: value };
  const parts = NAME_AND_ADDRESS.exec(value);
  if (!parts) return null;
  const [, rawName, address] = parts as unknown as [string, string, string];
  if (!ADDRESS.test(address) || CONTROL.test(rawName)) return null;
  const name = decodeWords(rawName.trim());
  if (name === null) return null;
  // A name that only repeats the address is no name.
  return { name: name === address ? "" : name, address };
}
