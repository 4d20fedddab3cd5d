/**
 * End to end on synthetic data with planted canaries: generate → ingest → run → release → dashboard
 * build, each as a real CLI process. Every byte of the release, the built site and the logs is
 * scanned for every canary in every normalised form: zero hits. The store, which must keep them,
 * is the positive control that proves the scan can find them.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { appendDecision } from "../../pipeline/governance/decisions.ts";
import { indicatorRegistry } from "../../pipeline/governance/registry.ts";
import { openWarehouse } from "../../pipeline/warehouse/duckdb.ts";
import { CANARIES, canaryBackoffice, canaryMbox, canaryPhoneCsv, canaryWebLine, variants } from "./canaries.ts";

const allowlist = JSON.parse(readFileSync("schemas/published/allowlist.json", "utf8")) as Record<string, string[]>;
const work = mkdtempSync(path.join(tmpdir(), "signalements-e2e-"));
const raw = path.join(work, "raw");
const store = path.join(work, "intake.sqlite");
const warehouse = path.join(work, "warehouse.duckdb");
const exportsDir = path.join(work, "exports");
const dist = path.join(work, "dist");
const logs: string[] = [];

function cli(...args: string[]): void {
  const result = spawnSync(process.execPath, ["bin/signalements.mjs", ...args], {
    encoding: "utf8",
    env: { ...process.env, SIGNALEMENTS_PSEUDO_KEY: "cle-de-test-e2e-0123456789abcdef0123456789abcdef" },
    maxBuffer: 64 * 1024 * 1024,
  });
  logs.push(result.stdout, result.stderr);
  if (result.status !== 0) throw new Error(`signalements ${args[0]} a échoué (${result.status}) :\n${result.stderr.slice(-2000)}`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

const needles = Object.entries(CANARIES).flatMap(([field, value]) => variants(value).map((v) => ({ field, needle: v.toLowerCase() })));

function hits(text: string): string[] {
  const haystack = text.toLowerCase();
  return needles.filter((n) => haystack.includes(n.needle)).map((n) => `${n.field}: ${n.needle}`);
}

beforeAll(() => {
  cli("generate", "--seed", "7", "--months", "6", "--per-month", "60", "--end", "2026-02-27", "--out", raw);
  writeFileSync(path.join(raw, "canari-web.jsonl"), canaryWebLine());
  writeFileSync(path.join(raw, "canari-phone.csv"), canaryPhoneCsv());
  writeFileSync(path.join(raw, "canari.mbox"), canaryMbox());
  writeFileSync(path.join(raw, "canari-backoffice.csv"), canaryBackoffice());
  const files = readdirSync(raw);
  const of = (pattern: RegExp) => files.filter((f) => pattern.test(f)).map((f) => path.join(raw, f));
  const now = ["--now", "2026-03-01T00:00:00Z", "--store", store];
  cli("ingest", "web", ...of(/^(web|canari-web)\.jsonl$/), ...now);
  cli("ingest", "app", ...of(/^app\.jsonl$/), ...now);
  cli("ingest", "phone", ...of(/^(phone-.*|canari-phone)\.csv$/), ...now);
  cli("ingest", "email", ...of(/\.mbox$/), ...now);
  cli("ingest", "backoffice", ...of(/backoffice\.csv$/), ...now);
  cli("rejects", "--store", store);
  cli("health", "--store", store, "--now", "2026-03-01T00:00:00Z");
  cli("run", "--store", store, "--warehouse", warehouse, "--snapshot", "2026-03-01T00:00:00Z");
  // Officials approve every indicator (a test decision log): the public release then holds every table.
  const decisions = path.join(work, "decisions.jsonl");
  for (const d of indicatorRegistry()) {
    const entry = { indicateur: d.id, decision: "approuve" as const, par: "Conseil municipal (test)", ref: "TEST-1", motif: null };
    appendDecision(decisions, { ...entry, empreinte: d.fingerprint }, new Date("2026-03-01T00:00:00Z"));
  }
  cli("release", "--warehouse", warehouse, "--out", exportsDir, "--decisions", decisions);
  cli("dashboard", "build", "--publication", path.join(exportsDir, "public"), "--sortie", dist);
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("no personal data leaves the intake store", () => {
  test("positive control: the canaries are in the store and the scan finds them there", () => {
    const db = new Database(store, { readonly: true });
    const names = db.prepare("select reporter_name from reports where source_id in ('WEB-CANARI-000001', 'TEL-CANARI-000001')").all();
    db.close();
    expect(names).toEqual([{ reporter_name: `${CANARIES.firstName} ${CANARIES.lastName}` }, { reporter_name: CANARIES.callerName }]);
    const storeText = readFileSync(store).toString("latin1") + readFileSync(store).toString("utf8");
    expect(hits(storeText).length).toBeGreaterThan(10);
  });

  test("the canary reports reach the warehouse's core model (they were not rejected)", async () => {
    const wh = await openWarehouse(warehouse);
    const rows = await wh.rows<{ report_key: string }>(
      "select report_key from core.reports where report_key like '%CANARI%' or report_key like '%canari-%' order by report_key",
    );
    wh.close();
    expect(rows.map((r) => r.report_key)).toEqual([
      "email:<canari-000001@exemple.invalid>",
      "phone:TEL-CANARI-000001",
      "web:WEB-CANARI-000001",
    ]);
  });

  test.each([
    ["the public release", () => path.join(exportsDir, "public")],
    ["the preview release", () => path.join(exportsDir, "preview")],
    ["the built dashboard", () => dist],
  ])("zero canary hits in every byte of %s", (_label, dir) => {
    const found = filesUnder(dir()).flatMap((file) => {
      const bytes = readFileSync(file);
      return hits(bytes.toString("utf8") + bytes.toString("latin1")).map((h) => `${path.relative(work, file)} → ${h}`);
    });
    expect(found).toEqual([]);
  });

  test("zero canary hits in the logs of every command", () => {
    expect(logs.join("\n").length).toBeGreaterThan(100);
    expect(hits(logs.join("\n"))).toEqual([]);
  });
});

describe("the release's public contract", () => {
  test("every CSV's columns and every GeoJSON's properties equal the committed allowlist", () => {
    const release = path.join(exportsDir, "public");
    const seen: Record<string, string[]> = {};
    for (const file of filesUnder(path.join(release, "data"))) {
      const rel = path.relative(release, file).split(path.sep).join("/");
      if (rel.endsWith(".csv")) seen[rel] = (readFileSync(file, "utf8").split("\r\n")[0] ?? "").split(",");
      if (rel.endsWith(".geojson")) {
        const features = JSON.parse(readFileSync(file, "utf8")).features as { properties: Record<string, unknown> }[];
        const keys = new Set(features.flatMap((f) => Object.keys(f.properties)));
        const ordered = (allowlist[rel] ?? []).filter((k) => keys.has(k));
        seen[rel] = ordered.length === keys.size ? ordered : [...keys].sort();
      }
    }
    expect(seen).toEqual(allowlist);
  });

  test("no string longer than 64 characters in the aggregate tables", () => {
    const release = path.join(exportsDir, "public", "data");
    const long = readdirSync(release)
      .filter((f) => f.endsWith(".csv") && f !== "travaux_en_cours.csv")
      .flatMap((f) =>
        readFileSync(path.join(release, f), "utf8")
          .split("\r\n")
          .flatMap((line) => line.split(","))
          .filter((cell) => cell.length > 64)
          .map((cell) => `${f}: ${cell.slice(0, 20)}…`),
      );
    expect(long).toEqual([]);
  });

  test("the tables under threshold (map cells, sensitive categories) publish only empty, 0 or at least 11", () => {
    const release = path.join(exportsDir, "public", "data");
    const small: string[] = [];
    let checked = 0;
    for (const f of ["carte_h3.csv", "signalements_sensibles.csv"]) {
      const [header, ...lines] = readFileSync(path.join(release, f), "utf8").trimEnd().split("\r\n");
      const columns = (header ?? "").split(",");
      const n = columns.indexOf("nb_signalements");
      const cell = columns.indexOf("cellule_h3");
      for (const line of lines) {
        const cells = line.split(",");
        if (cell >= 0 && cells[cell] === "autres_zones") continue;
        const v = cells[n] ?? "";
        checked++;
        if (v !== "" && Number(v) > 0 && Number(v) < 11) small.push(`${f}: ${v}`);
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(small).toEqual([]);
  });

  test("sensitive categories and their group appear in no other table", () => {
    const taxonomy = JSON.parse(readFileSync("data/reference/taxonomy.json", "utf8")) as {
      categories: { code: string; group: string; privacy_class: string }[];
    };
    const sensitive = taxonomy.categories.filter((c) => c.privacy_class === "sensitive");
    const groups = new Set(sensitive.map((c) => c.group));
    // A group is named only if all its categories are sensitive (otherwise its open part is published).
    const onlySensitive = [...groups].filter((g) =>
      taxonomy.categories.filter((c) => c.group === g).every((c) => c.privacy_class === "sensitive"),
    );
    const needles = [...sensitive.map((c) => c.code), ...onlySensitive];
    expect(needles.length).toBeGreaterThan(2);
    const hits: string[] = [];
    const release = path.join(exportsDir, "public", "data");
    for (const f of readdirSync(release).filter((x) => x.endsWith(".csv") && x !== "signalements_sensibles.csv")) {
      const cells = new Set(readFileSync(path.join(release, f), "utf8").split(/[,\r\n]/));
      for (const n of needles) if (cells.has(n)) hits.push(`${f}: ${n}`);
    }
    expect(hits).toEqual([]);
  });
});
