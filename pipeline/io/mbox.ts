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
}

const ESCAPED_FROM = /^>+From /;

/** Incremental splitter: push byte chunks, receive the messages completed so far. */
export class MboxSplitter {
  private rest = "";
  private lineNo = 0;
  private current: { line: number; parts: string[]; orphan: boolean } | null = null;

  /** Feeds a chunk of bytes. */
  push(chunk: Buffer): MboxMessage[] {
    const out: MboxMessage[] = [];
    const data = this.rest + chunk.toString("latin1");
    let start = 0;
    for (let nl = data.indexOf("\n"); nl !== -1; nl = data.indexOf("\n", start)) {
      this.line(data.slice(start, nl + 1), out);
      start = nl + 1;
    }
    this.rest = data.slice(start);
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
    if (m.orphan && text.trim() === "") return;
    out.push({ line: m.line, bytes: Buffer.from(text, "latin1"), orphan: m.orphan });
  }

  private line(text: string, out: MboxMessage[]): void {
    this.lineNo++;
    if (text.startsWith("From ")) {
      this.flush(out);
      this.current = { line: this.lineNo, parts: [], orphan: false };
      return;
    }
    this.current ??= { line: this.lineNo, parts: [], orphan: true };
    this.current.parts.push(ESCAPED_FROM.test(text) ? text.slice(1) : text);
  }
}
