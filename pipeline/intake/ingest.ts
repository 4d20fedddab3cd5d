/** Streams one channel file through validation into a sink, in batches, with progress callbacks. */
import { createReadStream } from "node:fs";
import path from "node:path";
import PostalMime from "postal-mime";
import { BACKOFFICE_REQUIRED_HEADERS } from "../../schemas/channels/backoffice.ts";
import { PHONE_REQUIRED_HEADERS } from "../../schemas/channels/phone.ts";
import type { Locator } from "../core/districts.ts";
import { ByteLineSplitter, DEFAULT_MAX_LINE_BYTES, LINE_DEFECTS, type LineEncoding, type RawLine } from "../io/byteLines.ts";
import { type CsvRecord, CsvSplitter } from "../io/csv.ts";
import { type MboxMessage, MboxSplitter } from "../io/mbox.ts";
import { type FileScan, scanFile } from "../io/sniff.ts";
import { checkBackofficeOrder, prevalidateBackofficeRow } from "./backoffice.ts";
import type { Classifier } from "./classify.ts";
import { cleanHeaders, missingHeader, toRow } from "./csvRows.ts";
import { type DecodedEmail, normalizeEmail } from "./email.ts";
import { normalizeOpen311Line } from "./open311.ts";
import type { ParseThread } from "./parseInWorker.ts";
import { normalizePhoneRow } from "./phone.ts";
import { type IngestSource, type Outcome, REASONS } from "./records.ts";
import { readSimpleEmail } from "./simpleEmail.ts";
import { type BatchItem, type Counters, newCounters, type RecordSink, type RunFile } from "./store.ts";

/** Everything validation needs, built once per command. */
export interface IngestContext {
  classifier: Classifier;
  locator: Locator;
  serviceCodes: ReadonlySet<string>;
  nowMs: number;
}

/** How one file is read and validated (everything but the store). */
export interface ParseOptions {
  source: IngestSource;
  file: string;
  context: IngestContext;
  /** Longest line (CSV record, mbox message) read, in bytes; longer ones are rejected. Default 1 MiB. */
  maxLineBytes?: number | undefined;
}

/** How one file is ingested. */
export interface IngestOptions extends ParseOptions {
  sink: RecordSink;
  /** Called before reading, to open the run (returns the run id; 0 in a dry run). */
  startRun: (fileName: string, scan: FileScan) => number;
  batchSize?: number;
  /**
   * Reads and validates the file on this worker thread (its context built from the reference data, as
   * `ingestContext` does) while this thread writes to the store; the outcome is the same either way.
   */
  parser?: ParseThread | undefined;
  onProgress?: (c: Counters) => void;
}

/** The outcome of one file: its counters, and the reason the whole file was refused, if it was. */
export interface FileResult {
  runId: number;
  fileName: string;
  scan: FileScan;
  counters: Counters;
  refused: string | null;
}

/**
 * A back-office event valid on its own, whose order checks (`checkBackofficeOrder`) look up the records
 * before it: they run when its turn comes on the thread that writes, so they see every earlier record.
 */
export interface UncheckedItem {
  line: number;
  raw: string;
  unchecked: Outcome;
}

/** One record of a file as read: validated, or still to be checked against the records before it. */
export type ParsedItem = BatchItem | UncheckedItem;

/**
 * Items come in groups (one per decoded chunk) so the loop awaits once per chunk, not once per record; the
 * generator returns why the whole file was refused, or null.
 */
export type ItemSource = AsyncGenerator<ParsedItem[], string | null>;

function item(line: number, raw: string, outcome: Outcome): BatchItem {
  return outcome.ok ? { line, raw, outcome } : { line, raw, field: outcome.field, reason: outcome.reason };
}

/** Byte chunks of about 1 MiB, never the whole file at once. */
function chunks(file: string): AsyncIterable<Buffer> {
  return createReadStream(file, { highWaterMark: 1 << 20 });
}

/**
 * The encoding a channel file is read in: JSON Lines (RFC 8259) and the back-office export are UTF-8 by
 * definition; the phone export is Windows-1252 unless the file as a whole reads as UTF-8 (see sniff.ts).
 */
function encodingOf(source: IngestSource, scan: FileScan): LineEncoding {
  return source === "phone" && scan.encoding === "windows-1252" ? "windows-1252" : "utf-8";
}

async function* jsonLines(o: ParseOptions, scan: FileScan): ItemSource {
  const splitter = new ByteLineSplitter(encodingOf(o.source, scan), o.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
  const ctx = { ...o.context, source: o.source as "web" | "app" };
  const toItems = (lines: RawLine[]): BatchItem[] => {
    const out: BatchItem[] = [];
    for (const l of lines) {
      if (l.defect !== null) out.push({ line: l.line, raw: l.text, field: null, reason: l.defect });
      else if (l.text.trim() !== "") out.push(item(l.line, l.text, normalizeOpen311Line(l.text, ctx)));
    }
    return out;
  };
  for await (const chunk of chunks(o.file)) yield toItems(splitter.push(chunk));
  yield toItems(splitter.end());
  return null;
}

async function* csvRows(
  o: ParseOptions,
  scan: FileScan,
  required: readonly string[],
  normalize: (row: Record<string, string>) => Outcome,
  /** True when an accepted row still has order checks against earlier records (the back-office rules). */
  ordered = false,
): ItemSource {
  const maxBytes = o.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const lines = new ByteLineSplitter(encodingOf(o.source, scan), maxBytes);
  const splitter = new CsvSplitter(null, maxBytes, LINE_DEFECTS.tooLong(maxBytes));
  // Set by the header line: the columns, or why the whole file is refused.
  const file: { headers: string[] | null; refused: string | null } = { headers: null, refused: null };
  const toItems = (records: CsvRecord[]): ParsedItem[] => {
    const out: ParsedItem[] = [];
    for (const record of records) {
      if (file.headers === null) {
        file.headers = cleanHeaders(record.fields);
        const missing = missingHeader(file.headers, required);
        if (missing !== null) {
          file.refused = REASONS.missingColumn(missing);
          out.push({ line: record.line, raw: record.raw, field: missing, reason: file.refused });
          return out;
        }
        continue;
      }
      if (record.defect !== undefined) {
        out.push({ line: record.line, raw: record.raw, field: null, reason: record.defect });
        continue;
      }
      const row = toRow(record, file.headers);
      const outcome = row.ok ? normalize(row.row) : row;
      if (ordered && outcome.ok) out.push({ line: record.line, raw: record.raw, unchecked: outcome });
      else out.push(item(record.line, record.raw, outcome));
    }
    return out;
  };
  for await (const chunk of chunks(o.file)) {
    yield toItems(splitter.pushLines(lines.push(chunk)));
    if (file.refused !== null) return file.refused;
  }
  yield toItems(splitter.pushLines(lines.end()));
  if (file.refused !== null) return file.refused;
  if (file.headers !== null) yield toItems(splitter.end());
  return null;
}

function fromAddress(email: { from?: { name?: string; address?: string } | undefined }): string {
  const from = email.from;
  if (!from) return "";
  return from.name ? `${from.name} <${from.address ?? ""}>` : (from.address ?? "");
}

/** U+FFFD, what a lenient decoder leaves for bytes that are not valid in the declared charset. */
const REPLACEMENT = "\uFFFD";

/** The fields of a parsed message used here, as both the light reader and postal-mime give them. */
interface ParsedEmail {
  messageId?: string | undefined;
  date?: string | undefined;
  from?: { name?: string | undefined; address?: string | undefined } | undefined;
  subject?: string | undefined;
  text?: string | undefined;
  html?: string | undefined;
}

async function* mbox(o: ParseOptions): ItemSource {
  const maxBytes = o.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const splitter = new MboxSplitter(maxBytes, REASONS.messageTooLong(LINE_DEFECTS.tooLong(maxBytes)));
  /** Validates a parsed message, from the light reader or the MIME parser (same fields either way). */
  const validate = (m: MboxMessage, raw: string, email: ParsedEmail): BatchItem => {
    const body = email.text ?? (email.html ? email.html.replace(/<[^>]*>/g, " ") : "");
    // The MIME parser decodes leniently: a replacement character means bytes invalid in the declared charset.
    if (body.includes(REPLACEMENT) || (email.subject ?? "").includes(REPLACEMENT) || fromAddress(email).includes(REPLACEMENT))
      return { line: m.line, raw, field: null, reason: REASONS.invalidMessageEncoding };
    const decoded: DecodedEmail = { messageId: email.messageId, date: email.date, from: fromAddress(email), subject: email.subject, body };
    return item(m.line, raw, normalizeEmail(decoded, o.context));
  };
  const all = async (messages: MboxMessage[]): Promise<BatchItem[]> => {
    const out: BatchItem[] = [];
    for (const m of messages) {
      const raw = m.bytes.toString("utf8");
      if (m.defect !== undefined) out.push({ line: m.line, raw, field: null, reason: m.defect });
      else if (m.orphan) out.push({ line: m.line, raw, field: null, reason: REASONS.noSeparator });
      else {
        // Simple text messages are read synchronously; anything else goes through the MIME parser.
        let email: ParsedEmail | null = readSimpleEmail(m.bytes);
        if (email === null) {
          try {
            email = await PostalMime.parse(m.bytes);
          } catch {
            out.push({ line: m.line, raw, field: null, reason: REASONS.unreadableMessage });
            continue;
          }
        }
        out.push(validate(m, raw, email));
      }
    }
    return out;
  };
  for await (const chunk of chunks(o.file)) yield await all(splitter.push(chunk));
  yield await all(splitter.end());
  return null;
}

/** Reads and validates a file, group by group, on the calling thread (the worker thread calls it too). */
export function parseFile(o: ParseOptions, scan: FileScan): ItemSource {
  const ctx = o.context;
  switch (o.source) {
    case "web":
    case "app":
      return jsonLines(o, scan);
    case "phone":
      return csvRows(o, scan, PHONE_REQUIRED_HEADERS, (row) => normalizePhoneRow(row, ctx));
    case "backoffice":
      return csvRows(o, scan, BACKOFFICE_REQUIRED_HEADERS, (row) => prevalidateBackofficeRow(row, ctx), true);
    case "email":
      return mbox(o);
  }
}

/** Ingests one file: scan (hash, encoding), validate record by record, commit every `batchSize` records. */
export async function ingestFile(o: IngestOptions): Promise<FileResult> {
  const scan = await scanFile(o.file);
  const fileName = path.basename(o.file);
  const runId = o.startRun(fileName, scan);
  const file: RunFile = { runId, source: o.source, fileName, sha256: scan.sha256 };
  const counters = newCounters();
  const batchSize = o.batchSize ?? 20_000;
  const items = o.parser ? o.parser.parse(o, scan) : parseFile(o, scan);
  const settle = (one: ParsedItem): BatchItem =>
    "unchecked" in one ? item(one.line, one.raw, checkBackofficeOrder(one.unchecked, o.sink)) : one;
  let inBatch = 0;
  try {
    let next = await items.next();
    while (!next.done) {
      for (const one of next.value) {
        o.sink.add(file, settle(one), counters);
        if (++inBatch >= batchSize) {
          o.sink.commit(file, counters, false);
          inBatch = 0;
          o.onProgress?.(counters);
        }
      }
      next = await items.next();
    }
    o.sink.commit(file, counters);
    o.onProgress?.(counters);
    return { runId, fileName, scan, counters, refused: next.value };
  } catch (error) {
    o.sink.rollback();
    throw error;
  } finally {
    // Stops the reader (and its worker) when the loop ended early.
    await items.return(null);
  }
}
