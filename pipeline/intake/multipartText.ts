/**
 * The plain text of a simple multipart body (multipart/alternative, /mixed or /related, UTF-8
 * text/plain parts, text/html alternatives, attachments), assembled as the MIME parser (postal-mime)
 * assembles it: parts split on boundary lines the same way (innermost boundary first, a closing
 * boundary ends nested parts, no closing boundary reads to the end), the text/plain parts of each
 * alternative group taken, groups joined by a newline. Anything it does not read exactly as the MIME
 * parser does gives null (the message then goes to the MIME parser): a part without a header end,
 * another charset or format, a text/html part without a text/plain alternative, a nested message,
 * unusual headers. Pure; checked against postal-mime in its tests.
 */
import { CONTENT_TYPE, decodeBody, lines, readHeaders, TRANSFER_ENCODING, utf8 } from "./mimeBody.ts";

/** Boundary characters read the same way quoted or not by the MIME parser's parameter reader. */
const MULTIPART =
  /^multipart\/(alternative|mixed|related)[ \t]*;[ \t]*boundary=(?:"([0-9A-Za-z+_,./:=?-]{1,70})"|([0-9A-Za-z+_,./:=?-]{1,70}))$/i;
/** A type token, then nothing or parameters: the MIME parser's type is the token, lower-cased. */
const TYPE_TOKEN = /^([A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+)[ \t]*(?:;|$)/;
const ATTACHMENT = /^attachment[ \t]*(?:;|$)/i;
const INLINE = /^inline[ \t]*(?:;|$)/i;
const UNENCODED = /^(?:7bit|8bit|binary)$/;
/** Types the MIME parser reads as nested messages or decodes as text even as attachments: left to it. */
const SPECIAL_TYPE = /^(?:message\/|multipart\/|text\/calendar$|application\/ics$)/;
const MAX_DEPTH = 8;
/** Well under the MIME parser's header budget (2 MiB over all parts). */
const MAX_BYTES = 1 << 20;

/** The multipart subtype and boundary of a Content-Type value, or null when not of the simple form. */
export function multipartType(value: string): { subtype: string; boundary: string } | null {
  const m = MULTIPART.exec(value);
  if (!m) return null;
  return { subtype: (m[1] as string).toLowerCase(), boundary: (m[2] ?? m[3]) as string };
}

interface Part {
  parent: Part | null;
  depth: number;
  /** Offset of the first header line; -1 for the message itself. */
  headerStart: number;
  /** Body bytes fed so far: [bodyStart, bodyEnd); bodyStart -1 while headers are read. */
  bodyStart: number;
  bodyEnd: number;
  multipart: string | null;
  boundary: Uint8Array | null;
  children: Part[];
  finished: boolean;
  /** Leaf only: its lower-cased type, whether it is an attachment, its transfer encoding. */
  type: string;
  attachment: boolean;
  encoding: string;
}

function newPart(parent: Part | null, headerStart: number): Part {
  const part: Part = {
    parent,
    depth: parent ? parent.depth + 1 : 0,
    headerStart,
    bodyStart: -1,
    bodyEnd: -1,
    multipart: null,
    boundary: null,
    children: [],
    finished: false,
    type: "text/plain",
    attachment: false,
    encoding: "7bit",
  };
  parent?.children.push(part);
  return part;
}

/** Reads the text of a multipart body (the bytes after the message's header block), or null. */
export function readMultipartText(body: Uint8Array, subtype: string, boundary: string): string | null {
  if (body.length > MAX_BYTES) return null;
  const root = newPart(null, -1);
  root.bodyStart = root.bodyEnd = 0;
  root.multipart = subtype;
  root.boundary = Buffer.from(boundary, "latin1");
  /** Multiparts whose boundary is live, in the order they were opened. */
  const open: Part[] = [root];
  let unusual = false;

  const finish = (part: Part): void => {
    if (part.finished) return;
    if (part.bodyStart < 0) unusual = true;
    const at = open.lastIndexOf(part);
    if (at >= 0) open.splice(at, 1);
    for (const child of part.children) finish(child);
    part.finished = true;
  };
  const endHeaders = (part: Part, block: Uint8Array): void => {
    const headers = block.length === 0 ? new Map<string, string>() : readHeaders(block);
    if (headers === null || !readPartHeaders(part, headers)) unusual = true;
    else if (part.boundary !== null) open.push(part);
  };

  let current = root;
  let start = 0;
  while (start < body.length && !unusual) {
    const nl = body.indexOf(10, start);
    const next = nl === -1 ? body.length : nl + 1;
    let end = nl === -1 ? body.length : nl;
    while (end > start && body[end - 1] === 13) end--;
    const hit = end - start > 2 && body[start] === 0x2d && body[start + 1] === 0x2d ? matchBoundary(body, start, end, open) : null;
    if (hit === null) {
      if (current.finished) {
        // A finished part takes no more lines (the MIME parser ignores them too).
      } else if (current.bodyStart >= 0) current.bodyEnd = next;
      else if (end === start) {
        endHeaders(current, body.subarray(current.headerStart, start));
        current.bodyStart = current.bodyEnd = next;
      }
    } else if (hit.closing) {
      finish(hit.part);
      current = hit.part.parent ?? root;
    } else {
      for (const child of hit.part.children) finish(child);
      current = newPart(hit.part, next);
      if (current.depth > MAX_DEPTH) unusual = true;
    }
    start = next;
  }
  finish(root);
  return unusual ? null : assembleText(body, root);
}

/** The multipart whose boundary a line is (innermost first) and whether it closes it; null for other lines. */
function matchBoundary(body: Uint8Array, start: number, end: number, open: Part[]): { part: Part; closing: boolean } | null {
  for (let i = open.length - 1; i >= 0; i--) {
    const part = open[i] as Part;
    const b = part.boundary as Uint8Array;
    if (end - start < b.length + 2) continue;
    let same = true;
    for (let j = 0; j < b.length && same; j++) same = body[start + 2 + j] === b[j];
    if (!same) continue;
    let after = start + 2 + b.length;
    const closing = end - after >= 2 && body[after] === 0x2d && body[after + 1] === 0x2d;
    if (closing) after += 2;
    while (after < end && (body[after] === 0x20 || body[after] === 0x09)) after++;
    if (after === end) return { part, closing };
  }
  return null;
}

/** Reads a part's content headers into it; false when they are not of a form read exactly here. */
function readPartHeaders(part: Part, headers: Map<string, string>): boolean {
  const type = headers.get("content-type");
  const encoding = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  const disposition = headers.get("content-disposition");
  const multipart = type === undefined ? null : multipartType(type);
  if (multipart !== null) {
    if (disposition !== undefined || !UNENCODED.test(encoding)) return false;
    part.multipart = multipart.subtype;
    part.boundary = Buffer.from(multipart.boundary, "latin1");
    return true;
  }
  if (type !== undefined) {
    const token = TYPE_TOKEN.exec(type);
    if (!token) return false;
    part.type = (token[1] as string).toLowerCase();
  }
  if (SPECIAL_TYPE.test(part.type)) return false;
  if (disposition !== undefined) {
    if (ATTACHMENT.test(disposition)) part.attachment = true;
    else if (!INLINE.test(disposition)) return false;
  }
  part.encoding = encoding;
  if (part.type === "text/plain" && !part.attachment)
    return (type === undefined || CONTENT_TYPE.test(type)) && TRANSFER_ENCODING.test(encoding);
  return true;
}

/**
 * The text as the MIME parser assembles it: inline text parts grouped under their closest
 * multipart/alternative (or alone), each group's text/plain parts in order, groups joined by a
 * newline. Null when a group has no text/plain part (its HTML would be converted), a part does not
 * decode, or the text is empty (the MIME parser then gives no text).
 */
function assembleText(body: Uint8Array, root: Part): string | null {
  const groups = new Map<Part, string[]>();
  let decodable = true;
  const visit = (part: Part, alternative: Part | null): void => {
    if (part.multipart !== null) {
      const group = part.multipart === "alternative" ? part : alternative;
      for (const child of part.children) visit(child, group);
      return;
    }
    if (part.attachment || (part.type !== "text/plain" && part.type !== "text/html")) return;
    const key = alternative ?? part;
    let texts = groups.get(key);
    if (texts === undefined) {
      texts = [];
      groups.set(key, texts);
    }
    if (part.type === "text/html") return;
    const content = decodeBody(lines(body.subarray(part.bodyStart, part.bodyEnd)), part.encoding);
    if (content === null) decodable = false;
    else texts.push(utf8.decode(content));
  };
  visit(root, null);
  if (!decodable || groups.size === 0) return null;
  const texts: string[] = [];
  for (const group of groups.values()) {
    if (group.length === 0) return null;
    texts.push(...group);
  }
  const text = texts.join("\n");
  return text === "" ? null : text;
}
