/** The dry-run sink: validates and counts like the store would, writes nothing (reads the store if it exists). */
import type Database from "better-sqlite3";
import type { Accepted } from "./records.ts";
import { REASONS } from "./records.ts";
import {
  type BatchItem,
  bump,
  type Counters,
  contactRow,
  countReject,
  differs,
  duplicateField,
  eventRow,
  type RecordSink,
  type RunFile,
  recordKey,
  reportRow,
  STORE_SQL,
} from "./store.ts";

function keyOf(o: Accepted): string[] {
  return recordKey(o).split("|");
}

/** Counts what an ingest would do; remembers this file's ids in memory to spot duplicates. */
export class DryRunSink implements RecordSink {
  private seen = new Set<string>();
  /** Créations accepted in this run, by reference (the store's are looked up). */
  private creations = new Map<string, string>();
  private readonly lookups: Record<string, Database.Statement> | null;

  constructor(db: Database.Database | null) {
    this.lookups = db
      ? {
          contact: db.prepare(STORE_SQL.contactRun as string),
          report: db.prepare(STORE_SQL.reportRun as string),
          event: db.prepare(STORE_SQL.eventRun as string),
          reportReceivedAt: db.prepare(STORE_SQL.reportReceivedAt as string),
          eventReceivedAt: db.prepare(STORE_SQL.eventReceivedAt as string),
          contactReceivedAt: db.prepare(STORE_SQL.contactReceivedAt as string),
          creationKey: db.prepare(STORE_SQL.creationKey as string),
          contactStored: db.prepare(STORE_SQL.contactStored as string).raw(),
          reportStored: db.prepare(STORE_SQL.reportStored as string).raw(),
          eventStored: db.prepare(STORE_SQL.eventStored as string).raw(),
        }
      : null;
  }

  /** Forgets the ids of the previous file (duplicates are checked within one file). */
  nextFile(): void {
    this.seen.clear();
    this.creations.clear();
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
    const o = item.outcome;
    if (o.event?.event_type === "received" && !this.creations.has(o.event.reference))
      this.creations.set(o.event.reference, o.event.source_key);
    const exists = this.lookups && kind ? this.lookups[kind]?.get(...key) !== undefined : false;
    if (exists && this.changed(o)) {
      c.conflicts++;
      countReject(c, item.line, duplicateField(file.source), REASONS.conflict);
      return;
    }
    for (const w of o.warnings) bump(c.warnings, w);
    if (exists) c.present++;
    else c.inserted++;
  }

  /** Whether the stored record with the same id has another content. */
  private changed(o: Accepted): boolean {
    const l = this.lookups;
    if (!l) return false;
    if (o.contact) {
      const k = o.contact;
      if (differs(l.contactStored?.get(k.channel, k.source_id, k.kind), contactRow(k))) return true;
      return o.report !== undefined && differs(l.reportStored?.get(o.report.channel, o.report.source_id), reportRow(o.report));
    }
    if (o.report) return differs(l.reportStored?.get(o.report.channel, o.report.source_id), reportRow(o.report));
    if (o.event) return differs(l.eventStored?.get(o.event.source, o.event.source_key), eventRow(o.event));
    return false;
  }

  creationKey(reference: string): string | null {
    const own = this.creations.get(reference);
    if (own !== undefined) return own;
    const row = this.lookups?.creationKey?.get(reference) as { source_key: string } | undefined;
    return row?.source_key ?? null;
  }

  /** Nothing to commit in a dry run. */
  commit(_file: RunFile, _c: Counters): void {}

  /** Nothing to abandon in a dry run. */
  rollback(): void {}

  receivedAt(channel: string, ref: string): string | null {
    if (!this.lookups) return null;
    const report = this.lookups.reportReceivedAt?.get(channel, ref) as { received_at: string } | undefined;
    if (report) return report.received_at;
    if (channel === "email") {
      const email = this.lookups.contactReceivedAt?.get(channel, ref) as { received_at: string } | undefined;
      if (email) return email.received_at;
    }
    const event = this.lookups.eventReceivedAt?.get(channel, ref) as { received_at: string | null } | undefined;
    return event?.received_at ?? null;
  }
}
