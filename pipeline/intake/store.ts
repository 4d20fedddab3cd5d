/** Adapter for the intake store: ingestion runs, batched idempotent writes, rejects, look-ups. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type Database from "better-sqlite3";
import type { Report } from "../../schemas/report.ts";
import type { Accepted } from "./records.ts";
import { REASONS } from "./records.ts";

/** Named statements of a `.sql` file split on `-- name: x` markers. */
export function readNamedSql(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const block of readFileSync(file, "utf8")
    .split(/^-- name: /m)
    .slice(1)) {
    const [name, ...rest] = block.split("\n");
    out[(name as string).trim()] = rest.join("\n").trim();
  }
  return out;
}

/** The adapter's statements, by name. */
export const STORE_SQL = readNamedSql(path.join(path.dirname(fileURLToPath(import.meta.url)), "sql", "store.sql"));

/** One validated or refused record of a file, in file order. */
export type BatchItem =
  | { line: number; raw: string; outcome: Accepted }
  | { line: number; raw: string; field: string | null; reason: string };

/** The file being ingested, as recorded with every reject. */
export interface RunFile {
  runId: number;
  source: string;
  fileName: string;
  sha256: string;
}

/** Running totals of one file's ingestion. */
export interface Counters {
  read: number;
  inserted: number;
  present: number;
  rejected: number;
  byReason: Map<string, number>;
  warnings: Map<string, number>;
  /** The first rejects (line, field, reason — never the raw line), for the console. */
  samples: RejectSample[];
}

/** Where and why a record was refused, safe to print. */
export interface RejectSample {
  line: number;
  field: string | null;
  reason: string;
}

/** How many reject samples are kept for the console. */
export const MAX_SAMPLES = 20;

/** Counts one reject and keeps it as a sample while there is room. */
export function countReject(c: Counters, line: number, field: string | null, reason: string): void {
  c.rejected++;
  bump(c.byReason, reason);
  if (c.samples.length < MAX_SAMPLES) c.samples.push({ line, field, reason });
}

/** Fresh zeroed counters. */
export function newCounters(): Counters {
  return { read: 0, inserted: 0, present: 0, rejected: 0, byReason: new Map(), warnings: new Map(), samples: [] };
}

/** Adds one to a keyed count. */
export function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/**
 * Where records go: the store, or nowhere in a dry run. Records are added one by one to an open
 * batch and committed together with the run's counters, so a batch is never held in memory.
 */
export interface RecordSink {
  /** Adds one record to the open batch (opening it if needed); counts duplicates within the file as rejects. */
  add(file: RunFile, item: BatchItem, counters: Counters): void;
  /** Commits the open batch (possibly empty) and the run's counters atomically. */
  commit(file: RunFile, counters: Counters): void;
  /** Abandons the open batch, if any. */
  rollback(): void;
  /** When the origin record (report, or its `received` event) was received, if known. */
  receivedAt(channel: string, ref: string): string | null;
}

/** The intake store's write side. */
export class IntakeStore implements RecordSink {
  private readonly s: Record<string, Database.Statement>;

  constructor(private readonly db: Database.Database) {
    // A larger page cache keeps the unique indexes hot during big batches (connection setting, not a schema change).
    db.pragma("cache_size = -65536");
    db.exec("create temp table if not exists ingest_seen (k text primary key) without rowid");
    this.s = Object.fromEntries(Object.entries(STORE_SQL).map(([name, sql]) => [name, db.prepare(sql)]));
  }

  private st(name: string): Database.Statement {
    const statement = this.s[name];
    if (!statement) throw new Error(`requête inconnue : ${name}`);
    return statement;
  }

  /** Starts a run for one file; earlier runs of the same file left `running` by a crash become `failed`. */
  startRun(source: string, fileName: string, sha256: string, startedAt: string): number {
    return this.db.transaction(() => {
      this.st("forgetSeen").run();
      this.st("markInterrupted").run({ file_sha256: sha256, finished_at: startedAt });
      const info = this.st("insertRun").run({ source, file_name: fileName, file_sha256: sha256, started_at: startedAt });
      return Number(info.lastInsertRowid);
    })();
  }

  /** Closes a run with its final counters. */
  finishRun(runId: number, status: "done" | "failed", finishedAt: string, c: Counters): void {
    this.st("finishRun").run({ ...runCounters(runId, c), status, finished_at: finishedAt });
  }

  /** Records a file-level refusal (e.g. a missing column) as a reject on line 1. */
  rejectFile(file: RunFile, field: string | null, reason: string, raw: string, c: Counters): void {
    this.write(file, [{ line: 1, raw, field, reason }], c);
  }

  /** Writes a batch and the run's counters atomically. */
  write(file: RunFile, items: BatchItem[], c: Counters): void {
    for (const item of items) this.add(file, item, c);
    this.commit(file, c);
  }

  add(file: RunFile, item: BatchItem, c: Counters): void {
    if (!this.db.inTransaction) this.st("beginBatch").run();
    c.read++;
    if (!("outcome" in item)) {
      this.reject(file, item.line, item.field, item.reason, item.raw, c);
      return;
    }
    const result = this.insert(item.outcome, file.runId);
    if (result === "duplicate") {
      this.reject(file, item.line, duplicateField(file.source), REASONS.duplicate, item.raw, c);
      return;
    }
    for (const w of item.outcome.warnings) bump(c.warnings, w);
    if (result === "inserted") c.inserted++;
    else c.present++;
  }

  commit(file: RunFile, c: Counters): void {
    if (!this.db.inTransaction) this.st("beginBatch").run();
    try {
      this.st("updateRun").run(runCounters(file.runId, c));
      this.st("commitBatch").run();
    } catch (error) {
      this.rollback();
      throw error;
    }
  }

  rollback(): void {
    if (this.db.inTransaction) this.st("rollbackBatch").run();
  }

  receivedAt(channel: string, ref: string): string | null {
    const report = this.st("reportReceivedAt").get(channel, ref) as { received_at: string } | undefined;
    if (report) return report.received_at;
    const event = this.st("eventReceivedAt").get(channel, ref) as { received_at: string | null } | undefined;
    return event?.received_at ?? null;
  }

  private reject(file: RunFile, line: number, field: string | null, reason: string, raw: string, c: Counters): void {
    this.st("insertReject").run({
      run_id: file.runId,
      source: file.source,
      file_name: file.fileName,
      file_sha256: file.sha256,
      line,
      field,
      reason,
      raw,
    });
    countReject(c, line, field, reason);
  }

  /**
   * Inserts the record's rows. A row that lands is the id's first occurrence in this file; when the
   * id is already stored, it is a duplicate if this run stored it, else it was present before the run
   * (remembered in the temp table, on disk, so a second occurrence is still a duplicate).
   */
  private insert(o: Accepted, runId: number): "inserted" | "present" | "duplicate" {
    if (o.contact) {
      const c = o.contact;
      const row = [c.channel, c.source_id, c.kind, c.received_at, c.outcome, c.category_code, c.sender, c.subject, c.body, runId];
      if (this.st("insertContact").run(row).changes === 0)
        return this.conflict(o, runId, this.st("contactRun").get(c.channel, c.source_id, c.kind));
      if (o.report) this.st("insertReport").run(reportRow(o.report, runId));
      return "inserted";
    }
    if (o.report) {
      const r = o.report;
      if (this.st("insertReport").run(reportRow(r, runId)).changes > 0) return "inserted";
      return this.conflict(o, runId, this.st("reportRun").get(r.channel, r.source_id));
    }
    if (o.event) {
      const e = o.event;
      const row = [
        e.source,
        e.source_key,
        e.reference,
        e.origin_channel,
        e.origin_ref,
        e.event_type,
        e.occurred_at,
        e.service_code,
        e.agent,
        e.resolution_code,
        e.planned_date,
        e.complaint_reason,
        e.comment,
        runId,
      ];
      if (this.st("insertEvent").run(row).changes > 0) return "inserted";
      return this.conflict(o, runId, this.st("eventRun").get(e.source, e.source_key));
    }
    return this.st("markSeen").run(recordKey(o)).changes === 0 ? "duplicate" : "present";
  }

  /** An id already stored: stored by this run means a duplicate in the file; else the first sighting is present. */
  private conflict(o: Accepted, runId: number, stored: unknown): "present" | "duplicate" {
    if ((stored as { run_id: number | null } | undefined)?.run_id === runId) return "duplicate";
    return this.st("markSeen").run(recordKey(o)).changes === 0 ? "duplicate" : "present";
  }
}

function reportRow(r: Report, runId: number): unknown[] {
  return [
    r.channel,
    r.source_id,
    r.received_at,
    r.category_code,
    r.raw_category,
    r.service_code,
    r.lat,
    r.lon,
    r.district_code,
    r.address,
    r.reporter_name,
    r.reporter_email,
    r.reporter_phone,
    r.description,
    r.media_url,
    runId,
  ];
}

/** The idempotency key of an accepted record, as one string. */
export function recordKey(o: Accepted): string {
  if (o.contact) return `contact|${o.contact.channel}|${o.contact.source_id}|${o.contact.kind}`;
  if (o.report) return `report|${o.report.channel}|${o.report.source_id}`;
  if (o.event) return `event|${o.event.source}|${o.event.source_key}`;
  return "";
}

/** The field named in a duplicate reject, per source. */
export function duplicateField(source: string): string {
  if (source === "phone") return "N° appel";
  if (source === "email") return "Message-ID";
  if (source === "backoffice") return "Référence";
  return "service_request_id";
}

function runCounters(runId: number, c: Counters) {
  return { run_id: runId, n_read: c.read, n_inserted: c.inserted, n_present: c.present, n_rejected: c.rejected };
}
