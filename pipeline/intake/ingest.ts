/** Streams one channel file through validation into a sink, in batches, with progress callbacks. */
import { createReadStream } from "node:fs";
import path from "node:path";
import PostalMime from "postal-mime";
import { BACKOFFICE_REQUIRED_HEADERS } from "../../schemas/channels/backoffice.ts";
import { PHONE_REQUIRED_HEADERS } from "../../schemas/channels/phone.ts";
import type { Locator } from "../core/districts.ts";
import { type CsvRecord, CsvSplitter } from "../io/csv.ts";
import { decodedChunks } from "../io/decode.ts";
import { LineSplitter } from "../io/lines.ts";
import { MboxSplitter } from "../io/mbox.ts";
import { type FileScan, scanFile } from "../io/sniff.ts";
import { normalizeBackofficeRow } from "./backoffice.ts";
import type { Classifier } from "./classify.ts";
import { cleanHeaders, missingHeader, toRow } from "./csvRows.ts";
import { type DecodedEmail, normalizeEmail } from "./email.ts";
import { normalizeOpen311Line } from "./open311.ts";
import { normalizePhoneRow } from "./phone.ts";
import { type IngestSource, type Outcome, REASONS } from "./records.ts";
import { type BatchItem, type Counters, newCounters, type RecordSink, type RunFile } from "./store.ts";

/** Everything validation needs, built once per command. */
export interface IngestContext {
  classifier: Classifier;
  locator: Locator;
  serviceCodes: ReadonlySet<string>;
  nowMs: number;
}

/** How one file is ingested. */
export interface IngestOptions {
  source: IngestSource;
  file: string;
  sink: RecordSink;
  context: IngestContext;
  /** Called before reading, to open the run (returns the run id; 0 in a dry run). */
  startRun: (fileName: string, scan: FileScan) => number;
  batchSize?: number;
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

/** Items come in groups (one per decoded chunk) so the loop awaits once per chunk, not once per record. */
type ItemSource = AsyncGenerator<BatchItem[], string | null>;

function item(line: number, raw: string, outcome: Outcome): BatchItem {
  return outcome.ok ? { line, raw, outcome } : { line, raw, field: outcome.field, reason: outcome.reason };
}

async function* jsonLines(o: IngestOptions, scan: FileScan): ItemSource {
  const splitter = new LineSplitter();
  const ctx = { ...o.context, source: o.source as "web" | "app" };
  const one = (l: { line: number; text: string }) => item(l.line, l.text, normalizeOpen311Line(l.text, ctx));
  for await (const chunk of decodedChunks(o.file, scan.encoding)) yield splitter.push(chunk).map(one);
  yield splitter.end().map(one);
  return null;
}

async function* csvRows(
  o: IngestOptions,
  scan: FileScan,
  required: readonly string[],
  normalize: (row: Record<string, string>) => Outcome,
): ItemSource {
  const splitter = new CsvSplitter();
  // Set by the header line: the columns, or why the whole file is refused.
  const file: { headers: string[] | null; refused: string | null } = { headers: null, refused: null };
  const toItems = (records: CsvRecord[]): BatchItem[] => {
    const out: BatchItem[] = [];
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
      const row = toRow(record, file.headers);
      out.push(item(record.line, record.raw, row.ok ? normalize(row.row) : row));
    }
    return out;
  };
  for await (const chunk of decodedChunks(o.file, scan.encoding)) {
    yield toItems(splitter.push(chunk));
    if (file.refused !== null) return file.refused;
  }
  if (file.headers !== null) yield toItems(splitter.end());
  return null;
}

function fromAddress(email: { from?: { name?: string; address?: string } | undefined }): string {
  const from = email.from;
  if (!from) return "";
  return from.name ? `${from.name} <${from.address ?? ""}>` : (from.address ?? "");
}

async function* mbox(o: IngestOptions): ItemSource {
  const splitter = new MboxSplitter();
  const one = async (m: { line: number; bytes: Buffer; orphan: boolean }): Promise<BatchItem> => {
    const raw = m.bytes.toString("utf8");
    if (m.orphan) return { line: m.line, raw, field: null, reason: REASONS.noSeparator };
    let decoded: DecodedEmail;
    try {
      const email = await PostalMime.parse(m.bytes);
      const body = email.text ?? (email.html ? email.html.replace(/<[^>]*>/g, " ") : "");
      decoded = { messageId: email.messageId, date: email.date, from: fromAddress(email), subject: email.subject, body };
    } catch {
      return { line: m.line, raw, field: null, reason: REASONS.unreadableMessage };
    }
    return item(m.line, raw, normalizeEmail(decoded, o.context));
  };
  const all = async (messages: { line: number; bytes: Buffer; orphan: boolean }[]): Promise<BatchItem[]> => {
    const out: BatchItem[] = [];
    for (const m of messages) out.push(await one(m));
    return out;
  };
  for await (const chunk of createReadStream(o.file, { highWaterMark: 1 << 20 })) yield await all(splitter.push(chunk as Buffer));
  yield await all(splitter.end());
  return null;
}

function itemsOf(o: IngestOptions, scan: FileScan): ItemSource {
  const ctx = o.context;
  switch (o.source) {
    case "web":
    case "app":
      return jsonLines(o, scan);
    case "phone":
      return csvRows(o, scan, PHONE_REQUIRED_HEADERS, (row) => normalizePhoneRow(row, ctx));
    case "backoffice":
      return csvRows(o, scan, BACKOFFICE_REQUIRED_HEADERS, (row) =>
        normalizeBackofficeRow(row, { ...ctx, receivedAt: (ch, ref) => o.sink.receivedAt(ch, ref) }),
      );
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
  const items = itemsOf(o, scan);
  let inBatch = 0;
  try {
    let next = await items.next();
    while (!next.done) {
      for (const one of next.value) {
        o.sink.add(file, one, counters);
        if (++inBatch >= batchSize) {
          o.sink.commit(file, counters);
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
  }
}
