/**
 * Reading and validating a file on a worker thread must store exactly what reading it on the writing
 * thread stores: same rows, same rejects (line, field, reason), same counters, same summary. The thread
 * that writes is the reference here (its behaviour is pinned by ingest.test.ts and defects.test.ts).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runIngest } from "../commands/ingest.ts";
import { writeDataset } from "../generate/writer.ts";
import { loadReference } from "../reference.ts";
import type { ParsedItem } from "./ingest.ts";
import { decodeItems, encodeItems } from "./parseCodec.ts";

const NOW = "2026-04-01T00:00:00Z";
const BO_HEADER = "Référence;Origine;Réf. origine;Événement;Date événement;Service;Agent;Code résolution;Date prévue;Commentaire";
/** Every file goes to the worker with 0; none does with this. */
const NEVER = Number.MAX_SAFE_INTEGER;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "parse-worker-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every stored row of the tables ingestion writes, in insertion order (run times left out). */
function dump(store: string): Record<string, unknown[]> {
  const db = new Database(store, { readonly: true });
  try {
    const all = (sql: string) => db.prepare(sql).raw().all();
    return {
      reports: all("select * from reports order by report_id"),
      status_events: all("select * from status_events order by event_id"),
      contacts: all("select * from contacts order by contact_id"),
      rejects: all("select * from rejects order by reject_id"),
      runs: all(
        "select run_id, source, file_name, file_sha256, status, n_read, n_inserted, n_present, n_rejected from ingestion_runs order by run_id",
      ),
    };
  } finally {
    db.close();
  }
}

/** Ingests the steps into a fresh store, each file read on the worker or not; returns the store and the summaries. */
async function ingestAll(name: string, steps: [string, string[]][], workerMinBytes: number) {
  const store = path.join(dir, `${name}.sqlite`);
  const printed: string[] = [];
  let refused = 0;
  for (const [source, paths] of steps) {
    refused += await runIngest({ source, paths, store, now: NOW, workerMinBytes }, (l) => printed.push(l));
  }
  return { store, printed, refused };
}

async function expectSameBothWays(name: string, steps: [string, string[]][]) {
  const reference = await ingestAll(`${name}-thread`, steps, NEVER);
  const worker = await ingestAll(`${name}-worker`, steps, 0);
  expect(worker.printed).toEqual(reference.printed);
  expect(worker.refused).toBe(reference.refused);
  const want = dump(reference.store);
  const got = dump(worker.store);
  for (const table of Object.keys(want)) expect(got[table], table).toEqual(want[table]);
  return want;
}

describe("reading a file on a worker thread", () => {
  test("stores the generator's files of every channel exactly as the writing thread does", async () => {
    const raw = path.join(dir, "generated");
    const manifest = await writeDataset({ seed: 11, months: 2, perMonth: 400, end: "2026-02-28", outDir: raw }, loadReference());
    const bySource = (source: string) => manifest.files.filter((f) => f.source === source).map((f) => path.join(raw, f.file));
    const stored = await expectSameBothWays(
      "generated",
      ["web", "app", "phone", "email", "backoffice"].map((s) => [s, bySource(s)] as [string, string[]]),
    );
    // The comparison covers real volumes of every table.
    expect(stored.reports?.length).toBeGreaterThan(500);
    expect(stored.status_events?.length).toBeGreaterThan(2000);
    expect(stored.contacts?.length).toBeGreaterThan(50);
  });

  test("applies the order checks, duplicates, bad lines and a refused file as the writing thread does", async () => {
    const files = path.join(dir, "defects");
    mkdirSync(files);
    const write = (name: string, content: string | Buffer) => {
      const p = path.join(files, name);
      writeFileSync(p, content);
      return p;
    };
    const web = (id: string, when: string) =>
      JSON.stringify({
        service_request_id: id,
        service_code: "nid_de_poule",
        description: "Trou exemple",
        lat: null,
        long: null,
        requested_datetime: when,
        device: "web",
      });
    const backoffice = write(
      "bo.csv",
      `${[
        BO_HEADER,
        "BO-1;web;W-1;Création;10/03/2026 09:00;;;;;",
        "BO-1;web;W-1;Accusé de réception;10/03/2026 08:00;;;;;",
        "BO-1;web;W-1;Création;10/03/2026 09:05;;;;;",
        "BO-1;web;W-1;Clôture;11/03/2026 10:00;VOIRIE;;REPARE;;",
        "BO-1;web;W-1;Clôture;11/03/2026 10:00;VOIRIE;;REPARE;;",
        "BO-2;web;W-2;Création;12/03/2026 08:15;;;;;",
        "BO-2;web;W-2;Accusé de réception;12/03/2026 08:30;;;;;",
        "BO-3;téléphone;C-3;Création;13/03/2026 09:00;;;;;",
        "BO-3;téléphone;C-3;Clôture;13/03/2026 08:00;;;;;",
        "BO-4;web;W-4;Création;14/03/2026 09:00;INCONNU;;;;",
        "BO-5;web;W-5;Création;14/03/2026 09:00;;;;31/02/2026;",
        "BO-6;web;W-6;Création;14/03/2026 09:00;;;",
        '"BO-7;web;W-7;Création;14/03/2026 09:00;;;;;',
      ].join("\r\n")}\r\n`,
    );
    const bad = Buffer.concat([
      Buffer.from(`${web("W-9", "2026-03-10T09:00:00+01:00")}\n`),
      Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]), // invalid UTF-8
      Buffer.from('{"service_request_id": 12\n'),
    ]);
    const stored = await expectSameBothWays("defects", [
      ["web", [write("web.jsonl", `${web("W-1", "2026-03-10T08:30:00+01:00")}\n`)]],
      ["backoffice", [backoffice]],
      ["web", [write("web-later.jsonl", `${web("W-2", "2026-03-12T08:45:00+01:00")}\n`), write("bad.jsonl", bad)]],
      ["backoffice", [write("missing.csv", "Référence;Origine\r\nBO-8;web\r\n"), backoffice]],
    ]);
    // What each line became, worked out by hand from the rules (the same on both threads, checked above).
    const reasons = (stored.rejects as unknown[][]).map((r) => `${r[3]}:${r[5]} ${r[7]}`);
    expect(reasons).toEqual([
      "bo.csv:3 événement antérieur à la réception", // 08:00, the web request came at 08:30
      "bo.csv:4 création en double pour cette référence",
      "bo.csv:6 identifiant en double dans le fichier",
      "bo.csv:10 clôture antérieure à la réception", // before its own Création (no channel record)
      "bo.csv:11 service inconnu",
      "bo.csv:12 date prévue invalide (attendu jj/mm/aaaa)",
      "bo.csv:13 nombre de colonnes incorrect (8 au lieu de 10)",
      "bo.csv:14 ligne tronquée (guillemet non fermé)",
      "bo.csv:8 événement antérieur à la réception", // the web request W-2 (08:45) was stored after it
      "bad.jsonl:2 encodage invalide : octets non UTF-8 à la position 2",
      "bad.jsonl:3 JSON invalide",
      "missing.csv:1 colonne obligatoire manquante : « Réf. origine »",
    ]);
  });
});

describe("the items' encoding between the threads", () => {
  const event = {
    source: "backoffice" as const,
    source_key: "BO-1|Clôture|11/03/2026 10:00",
    reference: "BO-1",
    origin_channel: "web" as const,
    origin_ref: "W-1",
    event_type: "closed" as const,
    occurred_at: "2026-03-11T09:00:00Z",
    service_code: "VOIRIE",
    agent: null,
    resolution_code: null,
    planned_date: "2026-03-12",
    complaint_reason: null,
    comment: "ligne « deux »\nfin",
  };

  test("gives back every kind of item as it was", () => {
    const items: ParsedItem[] = [
      { line: 2, raw: "BO-1;…", unchecked: { ok: true, warnings: ["clôture sans code de résolution"], event } },
      { line: 3, raw: "x", unchecked: { ok: true, warnings: [], event: { ...event, complaint_reason: "trop_lent", agent: "A" } } },
      { line: 4, raw: "{", field: null, reason: "JSON invalide" },
      {
        line: 5,
        raw: "{}",
        outcome: {
          ok: true,
          warnings: [],
          contact: {
            channel: "phone",
            source_id: "C1",
            kind: "call_handled",
            received_at: "2026-03-11T09:00:00Z",
            outcome: null,
            category_code: null,
            sender: null,
            subject: null,
            body: null,
          },
        },
      },
    ];
    expect(decodeItems(encodeItems(items))).toEqual(items);
  });

  test("keeps of each line only the 200 characters a reject keeps", () => {
    const long = `${"é".repeat(150)}${"x".repeat(100)}`;
    const kept = `${"é".repeat(150)}${"x".repeat(50)}`;
    const decoded = decodeItems(
      encodeItems([
        { line: 2, raw: long, unchecked: { ok: true, warnings: [], event } },
        { line: 3, raw: long, field: null, reason: "JSON invalide" },
      ]),
    );
    expect(decoded.map((one) => one.raw)).toEqual([kept, kept]);
  });
});
