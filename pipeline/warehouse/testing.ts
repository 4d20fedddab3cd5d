/** Test helpers: a temporary intake store filled with literal, synthetic rows. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type Database from "better-sqlite3";
import { openStore } from "../intake/db.ts";

/** A synthetic channel record; unspecified fields are null. */
export interface ReportRow {
  channel: string;
  source_id: string;
  received_at: string;
  category_code: string;
  lat?: number | null;
  lon?: number | null;
  district_code?: string | null;
  reporter_email?: string | null;
}

/** A synthetic status event; unspecified fields are null. */
export interface EventRow {
  origin_channel: string;
  origin_ref: string;
  event_type: string;
  occurred_at: string;
  service_code?: string | null;
  planned_date?: string | null;
  resolution_code?: string | null;
}

/** A synthetic handled contact. */
export interface ContactRow {
  channel: string;
  source_id: string;
  kind: "email_handled" | "call_handled" | "work_order";
  received_at: string;
  category_code?: string | null;
}

/** A temporary store and warehouse path, with inserters and cleanup. */
export interface TestStore {
  dir: string;
  storeFile: string;
  warehouseFile: string;
  db: Database.Database;
  reports(rows: ReportRow[]): void;
  events(rows: EventRow[]): void;
  contacts(rows: ContactRow[]): void;
  dispose(): void;
}

let eventSeq = 0;

/** Creates an empty store (migrated schema) in a fresh temporary folder. */
export function createTestStore(): TestStore {
  const dir = mkdtempSync(path.join(tmpdir(), "signalements-wh-"));
  const storeFile = path.join(dir, "intake.sqlite");
  const db = openStore(storeFile);
  const insertReport = db.prepare(
    `insert into reports (channel, source_id, received_at, category_code, lat, lon, district_code, reporter_email)
     values (@channel, @source_id, @received_at, @category_code, @lat, @lon, @district_code, @reporter_email)`,
  );
  const insertEvent = db.prepare(
    `insert into status_events (source, source_key, reference, origin_channel, origin_ref, event_type, occurred_at,
       service_code, planned_date, resolution_code, agent, comment)
     values ('backoffice', @source_key, @reference, @origin_channel, @origin_ref, @event_type, @occurred_at,
       @service_code, @planned_date, @resolution_code, 'Agent Fictif', 'commentaire libre')`,
  );
  const insertContact = db.prepare(
    `insert into contacts (channel, source_id, kind, received_at, category_code, sender, subject, body)
     values (@channel, @source_id, @kind, @received_at, @category_code, 'expediteur@example.org', 'objet', 'corps')`,
  );
  return {
    dir,
    storeFile,
    warehouseFile: path.join(dir, "warehouse.duckdb"),
    db,
    reports: (rows) => {
      for (const r of rows) {
        insertReport.run({ lat: null, lon: null, district_code: null, reporter_email: null, ...r });
      }
    },
    events: (rows) => {
      for (const e of rows) {
        eventSeq += 1;
        insertEvent.run({
          service_code: null,
          planned_date: null,
          resolution_code: null,
          ...e,
          source_key: `E${eventSeq}`,
          reference: `BO-${e.origin_ref}`,
        });
      }
    },
    contacts: (rows) => {
      for (const c of rows) insertContact.run({ category_code: null, ...c });
    },
    dispose: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
