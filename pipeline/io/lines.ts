/** Streaming line splitter for JSON Lines (CRLF or LF), pure: text chunks in, numbered lines out. */

/** One physical line with its 1-based number. */
export interface NumberedLine {
  line: number;
  text: string;
}

/** Incremental splitter: push decoded text, receive the complete lines (empty lines skipped). */
export class LineSplitter {
  private rest = "";
  private lineNo = 0;

  /** Feeds a chunk of text. */
  push(text: string): NumberedLine[] {
    const out: NumberedLine[] = [];
    const data = this.rest + text;
    let start = 0;
    for (let nl = data.indexOf("\n"); nl !== -1; nl = data.indexOf("\n", start)) {
      this.emit(data.slice(start, nl), out);
      start = nl + 1;
    }
    this.rest = data.slice(start);
    return out;
  }

  /** Flushes the last line when the file does not end with a newline. */
  end(): NumberedLine[] {
    const out: NumberedLine[] = [];
    if (this.rest !== "") this.emit(this.rest, out);
    this.rest = "";
    return out;
  }

  private emit(raw: string, out: NumberedLine[]): void {
    this.lineNo++;
    const text = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (text.trim() !== "") out.push({ line: this.lineNo, text });
  }
}
