/** Adapter for the intake store: ingestion runs, batched idempotent writes, rejects, look-ups. */
import { closeSync, fsyncSync, openSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type Database from "better-sqlite3";
import type { Contact, Report, StatusEvent } from "../../schemas/report.ts";
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
  /** Ids already stored with a different content (each also counted as a reject). */
  conflicts: number;
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
  return { read: 0, inserted: 0, present: 0, rejected: 0, conflicts: 0, byReason: new Map(), warnings: new Map(), samples: [] };
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
  /**
   * Commits the open batch (possibly empty) and the run's counters atomically. `final` false marks an
   * intermediate batch of a file, which a later final commit of the same file makes durable.
   */
  commit(file: RunFile, counters: Counters, final?: boolean): void;
  /** Abandons the open batch, if any. */
  rollback(): void;
  /** When the origin record (report, handled email, or its `received` event) was received, if known. */
  receivedAt(channel: string, ref: string): string | null;
  /** The key of the back-office reference's `Création` already accepted, if any. */
  creationKey(reference: string): string | null;
}

/** Characters of a rejected line kept in the rejects table (personal data: kept short, never printed). */
export const MAX_RAW_CHARS = 200;

/** Received-at look-ups kept between two commits, at most (a batch holds fewer records than this). */
const RECEIVED_CACHE_LIMIT = 100_000;

/** The intake store's write side. */
export class IntakeStore implements RecordSink {
  private readonly s: Record<string, Database.Statement>;
  /**
   * Received-at look-ups by `channel|ref`: back-office exports list a report's events together, so most
   * look-ups repeat the previous ones. Valid only inside the open write transaction (begin immediate: no
   * other writer meanwhile), so it is emptied on every commit and rollback, and an entry is dropped when
   * this store writes what it depends on (a report or contact, a `received` event).
   */
  private readonly received = new Map<string, string | null>();
  /** True while the connection runs with synchronous=NORMAL for intermediate batches. */
  private relaxed = false;
  /** The write-ahead log of a file store in WAL mode (else null: batches then always commit with the default). */
  private readonly walFile: string | null;

  constructor(private readonly db: Database.Database) {
    // A larger page cache (128 MB) keeps the unique indexes hot during big batches: the back-office
    // export alone is millions of events (connection setting, not a schema change).
    db.pragma("cache_size = -131072");
    this.walFile = !db.memory && db.pragma("journal_mode", { simple: true }) === "wal" ? `${db.name}-wal` : null;
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
    const result = this.insert(item.outcome, file, item.line);
    if (result === "duplicate" || result === "conflict") {
      if (result === "conflict") c.conflicts++;
      const reason = result === "conflict" ? REASONS.conflict : REASONS.duplicate;
      this.reject(file, item.line, duplicateField(file.source), reason, item.raw, c);
      return;
    }
    for (const w of item.outcome.warnings) bump(c.warnings, w);
    if (result === "inserted") c.inserted++;
    else c.present++;
  }

  commit(file: RunFile, c: Counters, final = true): void {
    if (!this.db.inTransaction) this.st("beginBatch").run();
    try {
      this.st("updateRun").run(runCounters(file.runId, c));
      this.st("commitBatch").run();
    } catch (error) {
      this.rollback();
      throw error;
    } finally {
      this.received.clear();
    }
    // Durability (SQLite only changes it between transactions): after an intermediate batch, the next
    // batches commit with synchronous=NORMAL (in WAL mode, no fsync per commit; a power cut may lose the
    // last batches, never corrupt the store, and the run's counters travel in the same transactions, so
    // the run reads as interrupted earlier). After the final batch, the WAL is fsynced as a FULL commit
    // would (SQLite writes nothing, hence syncs nothing, for a transaction that changes no byte, so an
    // extra commit cannot be relied on): the whole ingest is durable when the command returns, as before.
    if (!final && this.walFile !== null) this.durability("NORMAL");
    else if (this.relaxed) {
      this.durability("FULL");
      syncFile(this.walFile as string);
    }
  }

  rollback(): void {
    this.received.clear();
    if (this.db.inTransaction) this.st("rollbackBatch").run();
    this.durability("FULL");
  }

  private durability(level: "FULL" | "NORMAL"): void {
    if (this.relaxed === (level === "NORMAL")) return;
    this.db.pragma(`synchronous = ${level}`);
    this.relaxed = level === "NORMAL";
  }

  receivedAt(channel: string, ref: string): string | null {
    const key = `${channel}|${ref}`;
    const hit = this.received.get(key);
    if (hit !== undefined) return hit;
    const value = this.lookUpReceivedAt(channel, ref);
    if (this.received.size >= RECEIVED_CACHE_LIMIT) this.received.clear();
    this.received.set(key, value);
    return value;
  }

  private lookUpReceivedAt(channel: string, ref: string): string | null {
    const report = this.st("reportReceivedAt").get(channel, ref) as { received_at: string } | undefined;
    if (report) return report.received_at;
    if (channel === "email") {
      const email = this.st("contactReceivedAt").get(channel, ref) as { received_at: string } | undefined;
      if (email) return email.received_at;
    }
    const event = this.st("eventReceivedAt").get(channel, ref) as { received_at: string | null } | undefined;
    return event?.received_at ?? null;
  }

  creationKey(reference: string): string | null {
    const row = this.st("creationKey").get(reference) as { source_key: string } | undefined;
    return row?.source_key ?? null;
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
      raw: truncateRaw(raw),
    });
    countReject(c, line, field, reason);
  }

  /**
   * A channel record arriving after back-office events dated before its reception: those events move to the
   * rejects of their own file and line, as if the record had been there when they were read.
   */
  private rejectEventsBefore(channel: string, ref: string, receivedAt: string): void {
    const rows = this.st("eventsBeforeReception").all(channel, ref, receivedAt) as {
      event_id: number;
      event_type: string;
      line: number | null;
      run_id: number;
      source: string;
      file_name: string;
      file_sha256: string;
    }[];
    for (const e of rows) {
      this.st("insertReject").run({
        run_id: e.run_id,
        source: e.source,
        file_name: e.file_name,
        file_sha256: e.file_sha256,
        line: e.line ?? 0,
        field: "Date événement",
        reason: e.event_type === "closed" ? REASONS.closureBeforeReception : REASONS.eventBeforeReception,
        raw: null,
      });
      this.st("deleteEvent").run(e.event_id);
    }
  }

  /**
   * Inserts the record's rows. A row that lands is the id's first occurrence in this file; when the
   * id is already stored, it is a duplicate if this run stored it, else it was present before the run
   * (remembered in the temp table, on disk, so a second occurrence is still a duplicate), or a conflict
   * when its stored content differs.
   */
  private insert(o: Accepted, file: RunFile, line: number): "inserted" | "present" | "duplicate" | "conflict" {
    const runId = file.runId;
    if (o.contact) {
      const k = o.contact;
      const row = contactRow(k);
      if (this.st("insertContact").run([...row, runId]).changes === 0) {
        const stored = this.st("contactRun").get(k.channel, k.source_id, k.kind);
        return this.conflict(
          o,
          runId,
          stored,
          () =>
            differs(this.st("contactStored").raw().get(k.channel, k.source_id, k.kind), row) ||
            (o.report !== undefined &&
              differs(this.st("reportStored").raw().get(o.report.channel, o.report.source_id), reportRow(o.report))),
        );
      }
      this.received.delete(`${k.channel}|${k.source_id}`);
      if (o.report) this.insertReport(o.report, runId);
      if (k.channel === "email") this.rejectEventsBefore(k.channel, k.source_id, k.received_at);
      return "inserted";
    }
    if (o.report) {
      const r = o.report;
      if (this.insertReport(r, runId)) return "inserted";
      return this.conflict(o, runId, this.st("reportRun").get(r.channel, r.source_id), () =>
        differs(this.st("reportStored").raw().get(r.channel, r.source_id), reportRow(r)),
      );
    }
    if (o.event) {
      const e = o.event;
      const row = eventRow(e);
      if (this.st("insertEvent").run([...row, runId, line]).changes > 0) {
        if (e.event_type === "received") this.received.delete(`${e.origin_channel}|${e.origin_ref}`);
        return "inserted";
      }
      return this.conflict(o, runId, this.st("eventRun").get(e.source, e.source_key), () =>
        differs(this.st("eventStored").raw().get(e.source, e.source_key), row),
      );
    }
    return this.st("markSeen").run(recordKey(o)).changes === 0 ? "duplicate" : "present";
  }

  /** Inserts a report; when it lands, events already stored for it and dated before its reception are rejected. */
  private insertReport(r: Report, runId: number): boolean {
    if (this.st("insertReport").run([...reportRow(r), runId]).changes === 0) return false;
    this.received.delete(`${r.channel}|${r.source_id}`);
    this.rejectEventsBefore(r.channel, r.source_id, r.received_at);
    return true;
  }

  /** An id already stored: by this run, a duplicate in the file; else its first sighting is present, or a conflict. */
  private conflict(o: Accepted, runId: number, stored: unknown, changed: () => boolean): "present" | "duplicate" | "conflict" {
    if ((stored as { run_id: number | null } | undefined)?.run_id === runId) return "duplicate";
    if (this.st("markSeen").run(recordKey(o)).changes === 0) return "duplicate";
    return changed() ? "conflict" : "present";
  }
}

/** Flushes a file to disk (fsync), as SQLite does for its WAL on a synchronous=FULL commit. */
function syncFile(file: string): void {
  const fd = openSync(file, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** True when a stored row (columns in insert order) is missing or differs from the new one. */
export function differs(stored: unknown, row: readonly unknown[]): boolean {
  if (!Array.isArray(stored)) return true;
  for (let i = 0; i < row.length; i++) if (stored[i] !== row[i]) return true;
  return false;
}

/** A rejected line as kept in the store: at most MAX_RAW_CHARS characters. */
export function truncateRaw(raw: string): string {
  return raw.length > MAX_RAW_CHARS ? raw.slice(0, MAX_RAW_CHARS) : raw;
}

/** A contact's columns in the order of insertContact (run_id excepted). */
export function contactRow(c: Contact): unknown[] {
  return [c.channel, c.source_id, c.kind, c.received_at, c.outcome, c.category_code, c.sender, c.subject, c.body];
}

/** An event's columns in the order of insertEvent (run_id and line excepted). */
export function eventRow(e: StatusEvent): unknown[] {
  return [
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
  ];
}

/** The event whose columns `eventRow` listed. */
export function eventFromRow(row: readonly unknown[]): StatusEvent {
  const [source, source_key, reference, origin_channel, origin_ref, event_type, occurred_at] = row;
  const [service_code, agent, resolution_code, planned_date, complaint_reason, comment] = row.slice(7);
  return {
    source,
    source_key,
    reference,
    origin_channel,
    origin_ref,
    event_type,
    occurred_at,
    service_code,
    agent,
    resolution_code,
    planned_date,
    complaint_reason,
    comment,
  } as StatusEvent;
}

/** A report's columns in the order of insertReport (run_id excepted). */
export function reportRow(r: Report): unknown[] {
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
