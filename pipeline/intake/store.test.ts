/** The store's batch settings: the received-at cache and the durability of intermediate batches. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { runIngest } from "../commands/ingest.ts";
import { openStore } from "./db.ts";
import { IntakeStore, newCounters } from "./store.ts";

const NOW = "2026-04-01T00:00:00Z";
const BO_HEADER = "Référence;Origine;Réf. origine;Événement;Date événement;Service;Agent;Code résolution;Date prévue;Commentaire";
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "store-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Ingests a back-office file into a fresh store; returns its rejects and stored event types. */
async function ingestBackoffice(content: string, batchSize: number) {
  const store = path.join(dir, `intake-${batchSize}.sqlite`);
  const csv = path.join(dir, "bo.csv");
  writeFileSync(csv, content);
  await runIngest({ source: "backoffice", paths: [csv], store, now: NOW, batchSize }, () => {});
  const db = new Database(store, { readonly: true });
  try {
    return {
      rejects: db.prepare("select line, field, reason from rejects order by line").raw().all(),
      events: db.prepare("select line, event_type from status_events order by line").raw().all(),
    };
  } finally {
    db.close();
  }
}

describe("received-at look-ups cached within a batch", () => {
  // Line 2 looks up an origin nobody received yet; line 3 receives it; line 4 closes it before that reception.
  const rows = [
    BO_HEADER,
    "SIG-9;courriel;<z@exemple.invalid>;Affectation;02/03/2026 10:00:00;VOIRIE;;;;",
    "SIG-9;courriel;<z@exemple.invalid>;Création;03/03/2026 09:00:00;;;;;",
    "SIG-9;courriel;<z@exemple.invalid>;Clôture;02/03/2026 12:00:00;VOIRIE;;REPARE;;",
    "SIG-9;courriel;<z@exemple.invalid>;Clôture;04/03/2026 12:00:00;VOIRIE;;REPARE;;",
  ].join("\n");

  test("a reception stored in the same batch is seen by the next rows (no stale cached answer)", async () => {
    const { rejects, events } = await ingestBackoffice(rows, 20_000);
    expect(rejects).toEqual([[4, "Date événement", "clôture antérieure à la réception"]]);
    expect(events).toEqual([
      [2, "routed"],
      [3, "received"],
      [5, "closed"],
    ]);
  });

  test("one record per batch (the cache emptied at every commit) gives the same result", async () => {
    expect(await ingestBackoffice(rows, 1)).toEqual(await ingestBackoffice(rows, 20_000));
  });
});

describe("durability of batches", () => {
  const runFile = (store: IntakeStore) => ({
    runId: store.startRun("web", "web.jsonl", "0".repeat(64), "2026-03-01T00:00:00Z"),
    source: "web",
    fileName: "web.jsonl",
    sha256: "0".repeat(64),
  });
  const level = (db: Database.Database) => db.pragma("synchronous", { simple: true });

  test("a file store commits intermediate batches with synchronous=NORMAL and is back to FULL after the final one", () => {
    const db = openStore(path.join(dir, "intake.sqlite"));
    const store = new IntakeStore(db);
    const file = runFile(store);
    const counters = newCounters();
    expect(level(db)).toBe(2);
    store.commit(file, counters, false);
    expect(level(db)).toBe(1);
    store.commit(file, counters, false);
    expect(level(db)).toBe(1);
    store.commit(file, counters);
    expect(level(db)).toBe(2);
    db.close();
  });

  test("a rollback restores FULL", () => {
    const db = openStore(path.join(dir, "intake.sqlite"));
    const store = new IntakeStore(db);
    store.commit(runFile(store), newCounters(), false);
    store.rollback();
    expect(level(db)).toBe(2);
    db.close();
  });

  test("a store without a write-ahead log (in memory) never relaxes", () => {
    const db = openStore(":memory:");
    const store = new IntakeStore(db);
    store.commit(runFile(store), newCounters(), false);
    expect(level(db)).toBe(2);
    db.close();
  });
});
