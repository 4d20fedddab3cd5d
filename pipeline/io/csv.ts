/**
 * Streaming CSV splitter (RFC 4180 with `;` or `,`): CRLF or LF, quoted fields with doubled
 * quotes and embedded newlines. Pure: text chunks in, records out, with the line each starts on.
 */

/** One CSV record: its first physical line (1-based), its fields, and the raw text for the rejects table. */
export interface CsvRecord {
  line: number;
  fields: string[];
  raw: string;
  /** True when the file ended (or the record ran too long) inside a quoted field. */
  unterminated: boolean;
  /** Why the record cannot be read (invalid encoding, too long), when one of its lines could not. */
  defect?: string;
}

/** A quoted field may span at most this many physical lines before the record is declared broken. */
const MAX_RECORD_LINES = 200;

/** One physical line as given by a byte-level splitter, with its defect, if any. */
export interface CsvLine {
  line: number;
  text: string;
  defect: string | null;
}

/** Picks `;` or `,` from the header line: the one seen more often outside quotes (`;` on a tie). */
export function detectDelimiter(headerLine: string): ";" | "," {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ";") semicolons++;
    else if (!quoted && ch === ",") commas++;
  }
  return commas > semicolons ? "," : ";";
}

function countQuotes(text: string): number {
  let n = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) n++;
  return n;
}

/** Splits one complete record's text into fields. */
export function splitRecord(text: string, delimiter: string): string[] {
  if (!text.includes('"')) return text.split(delimiter);
  const fields: string[] = [];
  let i = 0;
  const n = text.length;
  for (;;) {
    if (text[i] === '"') {
      let value = "";
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q === -1) {
          value += text.slice(i);
          i = n;
          break;
        }
        value += text.slice(i, q);
        if (text[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      const next = text.indexOf(delimiter, i);
      value += text.slice(i, next === -1 ? n : next);
      fields.push(value);
      if (next === -1) return fields;
      i = next + 1;
    } else {
      const next = text.indexOf(delimiter, i);
      if (next === -1) {
        fields.push(text.slice(i));
        return fields;
      }
      fields.push(text.slice(i, next));
      i = next + 1;
    }
  }
}

/** Incremental splitter: push decoded text, receive the records completed so far. */
export class CsvSplitter {
  private rest = "";
  private lineNo = 0;
  private pending: { line: number; raw: string; quotes: number; lines: number; defect?: string } | null = null;

  /**
   * The delimiter, detected from the first non-empty line unless given; a record whose text grows past
   * `maxChars` is closed as broken (memory stays bounded whatever the quoting).
   */
  constructor(
    private delimiter: string | null = null,
    private readonly maxChars: number = Number.POSITIVE_INFINITY,
    private readonly tooLong: string = "enregistrement trop long",
  ) {}

  /** Feeds lines already split (and numbered) by a byte-level splitter. */
  pushLines(lines: readonly CsvLine[]): CsvRecord[] {
    const out: CsvRecord[] = [];
    for (const l of lines) {
      this.lineNo = l.line - 1;
      this.line(l.text, out, l.defect);
    }
    return out;
  }

  /** Feeds a chunk of text. */
  push(text: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    const data = this.rest + text;
    let start = 0;
    for (let nl = data.indexOf("\n"); nl !== -1; nl = data.indexOf("\n", start)) {
      const end = nl > start && data.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      this.line(data.slice(start, end), out);
      start = nl + 1;
    }
    this.rest = data.slice(start);
    return out;
  }

  /** Flushes the last line and any unterminated record. */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (this.rest !== "") this.line(this.rest.endsWith("\r") ? this.rest.slice(0, -1) : this.rest, out);
    this.rest = "";
    if (this.pending) {
      out.push(this.broken(this.pending));
      this.pending = null;
    }
    return out;
  }

  private broken(p: { line: number; raw: string; defect?: string }): CsvRecord {
    const record: CsvRecord = { line: p.line, fields: [], raw: p.raw, unterminated: true };
    if (p.defect !== undefined) record.defect = p.defect;
    return record;
  }

  private line(text: string, out: CsvRecord[], defect: string | null = null): void {
    this.lineNo++;
    const p = this.pending;
    if (p) {
      if (defect !== null) p.defect ??= defect;
      // A line cut short cannot be followed through its quotes: the record ends there, broken.
      if (defect === this.tooLong || p.raw.length + text.length > this.maxChars) {
        this.pending = null;
        out.push(this.broken({ line: p.line, raw: p.raw, defect: p.defect ?? this.tooLong }));
        return;
      }
      p.raw += `\n${text}`;
      p.quotes += countQuotes(text);
      p.lines++;
      if (p.quotes % 2 === 0) {
        this.pending = null;
        const record: CsvRecord = { line: p.line, fields: splitRecord(p.raw, this.delimiter ?? ";"), raw: p.raw, unterminated: false };
        if (p.defect !== undefined) record.defect = p.defect;
        out.push(record);
      } else if (p.lines >= MAX_RECORD_LINES) {
        this.pending = null;
        out.push(this.broken(p));
      }
      return;
    }
    if (text === "" && defect === null) return;
    if (defect === this.tooLong) {
      out.push({ line: this.lineNo, fields: [], raw: text, unterminated: false, defect });
      return;
    }
    if (this.delimiter === null) this.delimiter = detectDelimiter(text);
    const quotes = text.includes('"') ? countQuotes(text) : 0;
    if (quotes % 2 === 1) {
      this.pending = { line: this.lineNo, raw: text, quotes, lines: 1 };
      if (defect !== null) this.pending.defect = defect;
      return;
    }
    const record: CsvRecord = { line: this.lineNo, fields: splitRecord(text, this.delimiter), raw: text, unterminated: false };
    if (defect !== null) record.defect = defect;
    out.push(record);
  }
}
