/**
 * Independent cross-check of two headline figures: recomputed in plain TypeScript straight from the
 * intake store (no SQL model reused) and compared exactly with the warehouse marts, on demo data.
 *  1. reports received per channel over the whole history;
 *  2. the 15-day commitment over the rolling 12 months, city-wide: on time, closed late, open overdue.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, test } from "vitest";
import { parisParts, parisToUtc } from "../../pipeline/core/time.ts";
import { openWarehouse } from "../../pipeline/warehouse/duckdb.ts";
import { ingestGenerated } from "./ingestGenerated.ts";

const work = mkdtempSync(path.join(tmpdir(), "signalements-crosscheck-"));
const raw = path.join(work, "raw");
const store = path.join(work, "intake.sqlite");
const warehouse = path.join(work, "warehouse.duckdb");
const SNAPSHOT = "2026-03-10T12:00:00Z";

function cli(...args: string[]): void {
  const result = spawnSync(process.execPath, ["bin/signalements.mjs", ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`signalements ${args[0]} : ${result.stderr.slice(-1500)}`);
}

beforeAll(() => {
  cli("generate", "--seed", "11", "--months", "15", "--per-month", "80", "--end", "2026-03-09", "--out", raw);
  ingestGenerated(cli, raw, store, SNAPSHOT);
  cli("run", "--store", store, "--warehouse", warehouse, "--snapshot", SNAPSHOT);
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

interface StoreReport {
  channel: string;
  receivedMs: number;
  firstClosedMs: number | null;
  /** Of a sensitive category: left out of every published figure but the sensitive counts. */
  sensitive: boolean;
}

/** Category codes of the sensitive privacy class, read from the reference taxonomy file. */
const SENSITIVE = new Set(
  (JSON.parse(readFileSync("data/reference/taxonomy.json", "utf8")).categories as { code: string; privacy_class: string }[])
    .filter((c) => c.privacy_class === "sensitive")
    .map((c) => c.code),
);

/** The report universe rebuilt from the store's tables, following the documented joining rules. */
function reportsFromStore(): StoreReport[] {
  const db = new Database(store, { readonly: true });
  const snapshotMs = Date.parse(SNAPSHOT);
  const byKey = new Map<string, StoreReport>();
  for (const r of db.prepare("select channel, source_id, received_at, category_code from reports").all() as {
    channel: string;
    source_id: string;
    received_at: string;
    category_code: string;
  }[]) {
    byKey.set(`${r.channel}|${r.source_id}`, {
      channel: r.channel,
      receivedMs: Date.parse(r.received_at),
      firstClosedMs: null,
      sensitive: SENSITIVE.has(r.category_code),
    });
  }
  const emails = new Map(
    (
      db.prepare("select source_id, received_at, category_code from contacts where kind = 'email_handled'").all() as {
        source_id: string;
        received_at: string;
        category_code: string | null;
      }[]
    ).map((c) => [c.source_id, { at: Date.parse(c.received_at), sensitive: c.category_code !== null && SENSITIVE.has(c.category_code) }]),
  );
  const events = db.prepare("select origin_channel, origin_ref, event_type, occurred_at from status_events order by occurred_at").all() as {
    origin_channel: string;
    origin_ref: string;
    event_type: string;
    occurred_at: string;
  }[];
  db.close();
  for (const e of events) {
    const at = Date.parse(e.occurred_at);
    if (at > snapshotMs) continue;
    const key = `${e.origin_channel}|${e.origin_ref}`;
    let report = byKey.get(key);
    if (!report) {
      const fromEmail = e.origin_channel === "email" ? emails.get(e.origin_ref) : undefined;
      // A back-office report without its email falls back to the taxonomy's fallback category (not sensitive).
      report = {
        channel: e.origin_channel,
        receivedMs: fromEmail?.at ?? at,
        firstClosedMs: null,
        sensitive: fromEmail?.sensitive ?? false,
      };
      byKey.set(key, report);
    }
    if (e.event_type === "closed" && report.firstClosedMs === null) report.firstClosedMs = at;
  }
  return [...byKey.values()].filter((r) => r.receivedMs <= snapshotMs);
}

/** Same Paris wall-clock time 15 calendar days later. */
function dueMs(receivedMs: number): number {
  const p = parisParts(receivedMs);
  const day = new Date(Date.UTC(p.year, p.month - 1, p.day + 15));
  // A wall-clock time in the spring-forward gap does not exist: it is read one hour later.
  for (const shift of [0, 1]) {
    const due = parisToUtc(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), p.hour + shift, p.minute, p.second);
    if (due.ok) return due.epochMs;
  }
  throw new Error("échéance impossible");
}

test("reports per channel: the store recount equals the warehouse", async () => {
  const expected: Record<string, number> = {};
  for (const r of reportsFromStore()) expected[r.channel] = (expected[r.channel] ?? 0) + 1;
  const wh = await openWarehouse(warehouse);
  const rows = await wh.rows<{ channel: string; n: number }>(
    "select channel, cast(count(*) as integer) as n from core.reports group by channel",
  );
  const volumes = await wh.rows<{ n: number }>("select cast(sum(nb_signalements) as integer) as n from marts.volumes_mensuels");
  wh.close();
  expect(Object.fromEntries(rows.map((r) => [r.channel, r.n]))).toEqual(expected);
  expect(volumes[0]?.n).toBe(Object.values(expected).reduce((a, b) => a + b, 0));
});

test("rolling 12 months, city-wide, sensitive categories left out: on time, closed late and open overdue recomputed from the store", async () => {
  // Rolling 12 complete months before the snapshot (March 2026): March 2025 to February 2026, Paris time.
  const start = parisToUtc(2025, 3, 1);
  const end = parisToUtc(2026, 3, 1);
  if (!start.ok || !end.ok) throw new Error("dates");
  const snapshotMs = Date.parse(SNAPSHOT);
  const counts = { on_time: 0, late: 0, open_overdue: 0 };
  for (const r of reportsFromStore()) {
    if (r.sensitive || r.receivedMs < start.epochMs || r.receivedMs >= end.epochMs) continue;
    const due = dueMs(r.receivedMs);
    if (r.firstClosedMs !== null) counts[r.firstClosedMs <= due ? "on_time" : "late"]++;
    else if (snapshotMs > due) counts.open_overdue++;
  }
  const wh = await openWarehouse(warehouse);
  const [row] = await wh.rows<{ debut: string; on_time: number; late: number; open_overdue: number }>(
    `select strftime(debut_periode, '%Y-%m-%d') as debut, nb_dans_les_delais as on_time, nb_hors_delais as late, nb_en_retard_ouverts as open_overdue
     from marts.delais_par_service where type_periode = '12_mois_glissants' and code_service = 'ensemble'`,
  );
  wh.close();
  expect(row?.debut).toBe("2025-03-01");
  expect(counts.on_time + counts.late).toBeGreaterThan(500);
  expect({ on_time: row?.on_time, late: row?.late, open_overdue: row?.open_overdue }).toEqual(counts);
});
