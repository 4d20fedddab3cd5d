/**
 * Streaming mbox splitter (mboxo / mboxrd): a message starts at a line beginning with `From `;
 * `>From ` lines (any number of `>`) lose one `>`. Bytes are kept as they are (latin1 round-trip),
 * so each message can be handed to a MIME parser. Pure: byte chunks in, messages out.
 */

/** One message of the mailbox: the line of its `From ` separator and its raw RFC 5322 bytes. */
export interface MboxMessage {
  line: number;
  bytes: Buffer;
  /** True for text found before the first `From ` separator (not a valid mbox message). */
  orphan: boolean;
  /** Set when the message is longer than the limit: only its first bytes are kept. */
  defect?: string;
}

/** Bytes kept from a message that is too long, for the rejects table. */
const KEPT_BYTES = 1024;

const ESCAPED_FROM = /^>+From /;

/** Incremental splitter: push byte chunks, receive the messages completed so far. */
export class MboxSplitter {
  private rest = "";
  private lineNo = 0;
  private current: { line: number; parts: string[]; orphan: boolean; size: number; overlong: boolean } | null = null;
  /** True while the rest of a line too long to hold is being skipped. */
  private skipping = false;

  /** A message (or a single line) longer than `maxBytes` is cut and flagged with `tooLong`; memory stays bounded. */
  constructor(
    private readonly maxBytes: number = Number.POSITIVE_INFINITY,
    private readonly tooLong: string = "message trop long",
  ) {}

  /** Feeds a chunk of bytes. */
  push(chunk: Buffer): MboxMessage[] {
    const out: MboxMessage[] = [];
    let data = chunk.toString("latin1");
    if (this.skipping) {
      const nl = data.indexOf("\n");
      if (nl === -1) return out;
      this.skipping = false;
      this.lineNo++;
      data = data.slice(nl + 1);
    }
    data = this.rest + data;
    let start = 0;
    for (let nl = data.indexOf("\n"); nl !== -1; nl = data.indexOf("\n", start)) {
      this.line(data.slice(start, nl + 1), out);
      start = nl + 1;
    }
    this.rest = data.slice(start);
    if (this.rest.length > this.maxBytes) {
      this.current ??= { line: this.lineNo + 1, parts: [], orphan: true, size: 0, overlong: false };
      this.keep(this.rest);
      this.current.overlong = true;
      this.rest = "";
      this.skipping = true;
    }
    return out;
  }

  /** Flushes the last message. */
  end(): MboxMessage[] {
    const out: MboxMessage[] = [];
    if (this.rest !== "") this.line(this.rest, out);
    this.rest = "";
    this.flush(out);
    return out;
  }

  private flush(out: MboxMessage[]): void {
    const m = this.current;
    this.current = null;
    if (!m) return;
    let text = m.parts.join("");
    // The empty line before the next separator belongs to the mbox, not to the message.
    if (text.endsWith("\r\n\r\n")) text = text.slice(0, -2);
    else if (text.endsWith("\n\n")) text = text.slice(0, -1);
    if (m.orphan && text.trim() === "" && !m.overlong) return;
    const message: MboxMessage = { line: m.line, bytes: Buffer.from(text, "latin1"), orphan: m.orphan };
    if (m.overlong) message.defect = this.tooLong;
    out.push(message);
  }

  /** Adds a line to the current message, keeping only the first bytes once it is too long. */
  private keep(text: string): void {
    const m = this.current as NonNullable<typeof this.current>;
    if (m.overlong) return;
    m.size += text.length;
    if (m.size > this.maxBytes) {
      m.overlong = true;
      m.parts = [m.parts.join("").concat(text).slice(0, KEPT_BYTES)];
      return;
    }
    m.parts.push(text);
  }

  private line(text: string, out: MboxMessage[]): void {
    this.lineNo++;
    if (text.startsWith("From ")) {
      this.flush(out);
      this.current = { line: this.lineNo, parts: [], orphan: false, size: 0, overlong: false };
      return;
    }
    this.current ??= { line: this.lineNo, parts: [], orphan: true, size: 0, overlong: false };
    this.keep(ESCAPED_FROM.test(text) ? text.slice(1) : text);
  }
}
