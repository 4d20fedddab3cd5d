/** The dry-run sink: validates and counts like the store would, writes nothing (reads the store if it exists). */
import type Database from "better-sqlite3";
import type { Accepted } from "./records.ts";
import { REASONS } from "./records.ts";
import {
  type BatchItem,
  bump,
  type Counters,
  countReject,
  duplicateField,
  type RecordSink,
  type RunFile,
  recordKey,
  STORE_SQL,
} from "./store.ts";

function keyOf(o: Accepted): string[] {
  return recordKey(o).split("|");
}

/** Counts what an ingest would do; remembers this file's ids in memory to spot duplicates. */
export class DryRunSink implements RecordSink {
  private seen = new Set<string>();
  private readonly lookups: Record<string, Database.Statement> | null;

  constructor(db: Database.Database | null) {
    this.lookups = db
      ? {
          contact: db.prepare(STORE_SQL.contactRun as string),
          report: db.prepare(STORE_SQL.reportRun as string),
          event: db.prepare(STORE_SQL.eventRun as string),
          reportReceivedAt: db.prepare(STORE_SQL.reportReceivedAt as string),
          eventReceivedAt: db.prepare(STORE_SQL.eventReceivedAt as string),
        }
      : null;
  }

  /** Forgets the ids of the previous file (duplicates are checked within one file). */
  nextFile(): void {
    this.seen.clear();
  }

  add(file: RunFile, item: BatchItem, c: Counters): void {
    c.read++;
    if (!("outcome" in item)) {
      countReject(c, item.line, item.field, item.reason);
      return;
    }
    const [kind, ...key] = keyOf(item.outcome);
    const joined = `${kind}|${key.join("|")}`;
    if (this.seen.has(joined)) {
      countReject(c, item.line, duplicateField(file.source), REASONS.duplicate);
      return;
    }
    this.seen.add(joined);
    for (const w of item.outcome.warnings) bump(c.warnings, w);
    const exists = this.lookups && kind ? this.lookups[kind]?.get(...key) !== undefined : false;
    if (exists) c.present++;
    else c.inserted++;
  }

  /** Nothing to commit in a dry run. */
  commit(_file: RunFile, _c: Counters): void {}

  /** Nothing to abandon in a dry run. */
  rollback(): void {}

  receivedAt(channel: string, ref: string): string | null {
    if (!this.lookups) return null;
    const report = this.lookups.reportReceivedAt?.get(channel, ref) as { received_at: string } | undefined;
    if (report) return report.received_at;
    const event = this.lookups.eventReceivedAt?.get(channel, ref) as { received_at: string | null } | undefined;
    return event?.received_at ?? null;
  }
}
