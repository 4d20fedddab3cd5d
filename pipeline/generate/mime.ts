/** MIME encoders for the generated mailbox: RFC 2047 encoded words, quoted-printable, base64. Pure. */

const utf8 = new TextEncoder();

/** Splits text into pieces whose UTF-8 length stays within `maxBytes`, never inside a character. */
function chunks(text: string, maxBytes: number, cost: (ch: string) => number): string[] {
  const out: string[] = [];
  let current = "";
  let size = 0;
  for (const ch of text) {
    const c = cost(ch);
    if (size + c > maxBytes && current) {
      out.push(current);
      current = "";
      size = 0;
    }
    current += ch;
    size += c;
  }
  if (current) out.push(current);
  return out;
}

function utf8Length(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}

const hex = (b: number) => `=${b.toString(16).toUpperCase().padStart(2, "0")}`;

function qWord(text: string): string {
  let out = "";
  for (const byte of utf8.encode(text)) {
    const ch = String.fromCharCode(byte);
    if (byte === 0x20) out += "_";
    else if (/[A-Za-z0-9!*+\-/]/.test(ch)) out += ch;
    else out += hex(byte);
  }
  return out;
}

/**
 * RFC 2047 encoded words (`=?UTF-8?B?…?=` or `=?UTF-8?Q?…?=`), each at most 75 characters,
 * separated by folding whitespace.
 */
export function encodeWord(text: string, encoding: "B" | "Q"): string {
  if (encoding === "B") {
    return chunks(text, 45, utf8Length)
      .map((part) => `=?UTF-8?B?${Buffer.from(part, "utf8").toString("base64")}?=`)
      .join("\n ");
  }
  return chunks(text, 60, (ch) => qWord(ch).length)
    .map((part) => `=?UTF-8?Q?${qWord(part)}?=`)
    .join("\n ");
}

/** Quoted-printable (RFC 2045 §6.7) of UTF-8 text; lines of at most 76 characters, LF line ends. */
export function quotedPrintable(text: string): string {
  return text
    .split("\n")
    .map((line) => {
      const bytes = utf8.encode(line);
      const tokens: string[] = [];
      bytes.forEach((byte, i) => {
        const last = i === bytes.length - 1;
        const plain = (byte >= 33 && byte <= 126 && byte !== 61) || ((byte === 32 || byte === 9) && !last);
        tokens.push(plain ? String.fromCharCode(byte) : hex(byte));
      });
      const lines: string[] = [];
      let current = "";
      for (const token of tokens) {
        if (current.length + token.length > 75) {
          lines.push(`${current}=`);
          current = "";
        }
        current += token;
      }
      lines.push(current);
      return lines.join("\n");
    })
    .join("\n");
}

/** Base64 of UTF-8 text in lines of 76 characters. */
export function base64Lines(text: string): string {
  const b64 = Buffer.from(text, "utf8").toString("base64");
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
  return lines.join("\n");
}

/** mboxrd escaping: one more ">" before any line matching /^>*From /. */
export function mboxrdEscape(text: string): string {
  return text.replace(/^(>*From )/gm, ">$1");
}
