/**
 * Light synchronous reader for the simple, well-formed messages that make up most mailboxes: headers
 * plus one text/plain UTF-8 body in 7bit, 8bit, binary, quoted-printable or base64, or a simple
 * multipart body with such text/plain parts (see multipartText.ts). It gives what the MIME parser
 * (postal-mime) gives for such a message, field for field, and declines (null) anything else — another
 * charset, an attachment disposition, an address or an encoded word it does
 * not fully read — which then goes to the MIME parser. Pure; checked against postal-mime in its tests.
 */

import { BASE64, CONTENT_TYPE, decodeBody, hexValue, lines, readHeaders, TRANSFER_ENCODING, utf8 } from "./mimeBody.ts";
import { multipartType, readMultipartText } from "./multipartText.ts";

/** The fields of a parsed message the intake uses, as postal-mime names them. */
export interface SimpleEmail {
  messageId?: string;
  date?: string;
  from?: { name: string; address: string };
  subject?: string;
  text?: string;
}

const ENCODED_WORD = /^=\?utf-8\?([BbQq])\?([!->@-~]*)\?=$/i;
const ADDRESS = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*$/;
const NAME_AND_ADDRESS = /^([^"(),:;<>@\\[\]]*)<([^<>]*)>$/;
/** Control characters, which the address parser drops from names (tab included). */
const CONTROL = /\p{Cc}/u;
const UNENCODED = /^(?:7bit|8bit|binary)$/;

/** Reads a message (RFC 5322 bytes, no mbox separator), or null when it is not of the simple kind. */
export function readSimpleEmail(bytes: Uint8Array): SimpleEmail | null {
  const split = headerEnd(bytes);
  if (split === null) return null;
  const headers = readHeaders(bytes.subarray(0, split.headerBytes));
  if (headers === null) return null;
  const type = headers.get("content-type");
  const encoding = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  if (headers.has("content-disposition") || !TRANSFER_ENCODING.test(encoding)) return null;
  const text = readText(bytes.subarray(split.bodyStart), type, encoding);
  if (text === null) return null;
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
  if (text !== "") email.text = text;
  return email;
}

/** The text of a single text/plain body or of a simple multipart body; null when left to the MIME parser. */
function readText(body: Uint8Array, type: string | undefined, encoding: string): string | null {
  const multipart = type === undefined ? null : multipartType(type);
  if (multipart !== null) {
    if (!UNENCODED.test(encoding)) return null;
    return readMultipartText(body, multipart.subtype, multipart.boundary);
  }
  if (type !== undefined && !CONTENT_TYPE.test(type)) return null;
  const content = decodeBody(lines(body), encoding);
  return content === null ? null : utf8.decode(content);
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
