import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { approvedRegistry } from "../governance/testing.ts";
import { loadReference } from "../reference.ts";
import { syntheticTables } from "./fixture.ts";
import { freezeClosedPeriods, frozenPeriodOf, parseCell, readReleaseCsv } from "./freeze.ts";
import { buildRelease } from "./release.ts";
import type { Row } from "./rows.ts";

describe("frozen periods (pure)", () => {
  test.each([
    [{ type_periode: "mois", periode: "2026-03" }, "mois:2026-03"],
    [{ type_periode: "trimestre", periode: "2026-T1" }, "trimestre:2026-T1"],
    [{ type_periode: "annee", periode: "2025" }, "annee:2025"],
    [{ type_periode: "12_mois_glissants", periode: "12_mois_glissants" }, null],
    [{ mois: "2026-02", canal: "web" }, "mois:2026-02"],
    [{ date_extraction: "2026-04-01" }, null],
  ] as [Row, string | null][])("%j belongs to %s", (row, period) => {
    expect(frozenPeriodOf(row)).toBe(period);
  });

  test("a published period is re-emitted as published; new periods and rolling windows are recomputed", () => {
    const fresh = {
      t: [
        { mois: "2026-01", n: 40 },
        { mois: "2026-02", n: 55 },
        { mois: "2026-03", n: 12 },
      ],
    };
    const previous = {
      t: [
        { mois: "2026-01", n: 38 },
        { mois: "2026-02", n: null },
      ],
    };
    const { tables, frozen } = freezeClosedPeriods(fresh, previous);
    expect(tables.t).toEqual([
      { mois: "2026-03", n: 12 },
      { mois: "2026-01", n: 38 },
      { mois: "2026-02", n: null },
    ]);
    expect(frozen).toEqual({ t: 2 });
  });

  test("an approved correction recomputes its period", () => {
    const { tables } = freezeClosedPeriods({ t: [{ mois: "2026-01", n: 40 }] }, { t: [{ mois: "2026-01", n: 38 }] }, [
      { table: "t", periode: "2026-01" },
    ]);
    expect(tables.t).toEqual([{ mois: "2026-01", n: 40 }]);
  });

  test("canonical CSV cells are read back with their Table Schema types", () => {
    const fields = [
      { name: "mois", type: "string", description: "", constraints: {} },
      { name: "n", type: "integer", description: "", constraints: {} },
      { name: "taux", type: "number", description: "", constraints: {} },
      { name: "secret_statistique", type: "boolean", description: "", constraints: {} },
    ] as const;
    expect(readReleaseCsv('mois,n,taux,secret_statistique\r\n2026-01,,0.8536,true\r\n"2026-02",12,1,false\r\n', fields)).toEqual([
      { mois: "2026-01", n: null, taux: 0.8536, secret_statistique: true },
      { mois: "2026-02", n: 12, taux: 1, secret_statistique: false },
    ]);
    expect(parseCell("", fields[1])).toBeNull();
  });
});

describe("frozen periods across two releases into the same folder", () => {
  const work = mkdtempSync(path.join(tmpdir(), "gel-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const base = {
    geo: { districts: loadReference().districts.features },
    version: "1.0.0",
    key: "cle-de-test-synthetique-0123456789abcdef",
    outDir: path.join(work, "public"),
    preview: false,
    registry: approvedRegistry(),
  };
  const monthLines = (month: string) =>
    readFileSync(path.join(work, "public", "data", "volumes_mensuels.csv"), "utf8")
      .split("\r\n")
      .filter((l) => l.startsWith(`${month},`));

  test("a later release with different figures keeps the published months byte for byte", async () => {
    await buildRelease({ ...base, releasedAt: "2026-04-01", tables: syntheticTables(70, 7) });
    const first = syntheticTables(70, 7).volumes_mensuels?.map((r) => String(r.mois)) ?? [];
    const month = [...new Set(first)].sort()[0] as string;
    const before = monthLines(month);
    expect(before.length).toBeGreaterThan(3);
    // Another seed changes every figure: without freezing the month's lines would differ.
    const summary = await buildRelease({ ...base, releasedAt: "2026-05-01", tables: syntheticTables(70, 99) });
    expect(monthLines(month)).toEqual(before);
    expect(summary.tables.find((t) => t.table === "volumes_mensuels")?.periodes_figees).toBeGreaterThan(0);
    const unfrozen = await buildRelease({ ...base, releasedAt: "2026-05-01", tables: syntheticTables(70, 99), freeze: false });
    expect(unfrozen.tables.find((t) => t.table === "volumes_mensuels")?.periodes_figees).toBe(0);
    expect(monthLines(month)).not.toEqual(before);
  });
});
