/**
 * Guard against quadratic joins: every core and mart model is planned (EXPLAIN) over a synthetic
 * warehouse of realistic size, on a whole build and on an incremental one, and no nested-loop,
 * blockwise, piecewise-merge join or cross product may have more than one row on both sides. Joins
 * against one-row relations (run parameters, the whole-build flag, the taxonomy fallback) stay allowed.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadReference } from "../reference.ts";
import { MODELS, type ModelSpec } from "../sql/models.ts";
import { openWarehouse, type Warehouse } from "./duckdb.ts";
import { buildModel, readSql } from "./models.ts";
import { fillSyntheticWarehouse } from "./synthetic.ts";

/** A node of DuckDB's JSON physical plan. */
interface PlanNode {
  name: string;
  children: PlanNode[];
  extra_info: Record<string, unknown>;
}

const QUADRATIC = new Set(["NESTED_LOOP_JOIN", "BLOCKWISE_NL_JOIN", "PIECEWISE_MERGE_JOIN", "CROSS_PRODUCT"]);

/** Estimated rows of a node; unknown counts as many. */
const estimate = (node: PlanNode) => {
  const value = Number(node.extra_info["Estimated Cardinality"]);
  return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
};

/** The joins of a plan that compare every row of one side with every row of the other, both sides larger than one row. */
function quadraticJoins(node: PlanNode): string[] {
  const own =
    QUADRATIC.has(node.name) && node.children.length === 2 && node.children.every((child) => estimate(child) > 1)
      ? [`${node.name} ${JSON.stringify(node.extra_info.Condition ?? node.extra_info.Conditions ?? "")}`]
      : [];
  return [...own, ...node.children.flatMap(quadraticJoins)];
}

const leaf = (rows: string): PlanNode => ({ name: "SEQ_SCAN", children: [], extra_info: { "Estimated Cardinality": rows } });
const join = (name: string, left: PlanNode, right: PlanNode): PlanNode => ({
  name,
  children: [left, right],
  extra_info: { Condition: "a = b" },
});

describe("quadraticJoins", () => {
  test.each([
    ["a nested loop against the one-row parameters", join("NESTED_LOOP_JOIN", leaf("920702"), leaf("1")), []],
    ["a cross product with the whole-build flag", join("CROSS_PRODUCT", leaf("1"), leaf("0")), []],
    ["a hash join of two large sides", join("HASH_JOIN", leaf("200000"), leaf("40000")), []],
    ["a blockwise join of two large sides", join("BLOCKWISE_NL_JOIN", leaf("200000"), leaf("17")), ['BLOCKWISE_NL_JOIN "a = b"']],
    ["a cross product of unknown size", join("CROSS_PRODUCT", { ...leaf("x"), extra_info: {} }, leaf("2")), ['CROSS_PRODUCT "a = b"']],
  ])("%s", (_, plan, expected) => {
    expect(quadraticJoins(plan)).toEqual(expected);
  });
});

const REPORTS = 200_000;
const SNAPSHOT = new Date("2026-04-01T00:00:00Z");
const planned = MODELS.filter((m) => m.layer !== "staging");
let warehouse: Warehouse;

async function quadraticOf(sql: string): Promise<string[]> {
  const rows = await warehouse.rows<{ explain_value: string }>(`explain (format json)\n${sql}`);
  return rows.flatMap((row) => (JSON.parse(row.explain_value) as PlanNode[]).flatMap(quadraticJoins));
}

async function planOf(model: ModelSpec): Promise<string[]> {
  const found: string[] = [];
  if (model.materialized === "monthly" || model.materialized === "periodic") {
    await warehouse.run(`create or replace temp table changed_months as\n${readSql("core/changed_months.sql")}`);
  }
  if (model.materialized === "periodic") {
    // Planned on both builds (empty meta.core_state on the whole one), though a whole build takes every period.
    found.push(...(await quadraticOf(readSql("core/changed_periods.sql"))));
    await warehouse.run(`create or replace temp table changed_periods as\n${readSql("core/changed_periods.sql")}`);
  }
  found.push(...(await quadraticOf(readSql(`${model.layer}/${model.name}.sql`))));
  return found;
}

/** Plans then builds every model in order (a model is planned over the tables its predecessors built). */
async function planAndBuild(): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const model of MODELS) {
    if (model.layer !== "staging") found[`${model.layer}.${model.name}`] = await planOf(model);
    await buildModel(warehouse, model);
  }
  return found;
}

const clean = Object.fromEntries(planned.map((m) => [`${m.layer}.${m.name}`, []]));

describe(`query plans over ${REPORTS} synthetic reports`, () => {
  beforeAll(async () => {
    warehouse = await openWarehouse(":memory:");
    await fillSyntheticWarehouse(warehouse, loadReference(), { reports: REPORTS, snapshotAt: SNAPSHOT });
  }, 120_000);
  afterAll(() => warehouse.close());

  test("a whole build has no quadratic join", async () => {
    expect(await planAndBuild()).toEqual(clean);
  }, 120_000);

  test("an incremental build (the last rows new, snapshot a day later) has no quadratic join", async () => {
    await warehouse.run(
      `insert into meta.core_state select cast($1 as timestamptz), 'calendar', 'synthetic',
         (select max(report_id) - 500 from raw.reports), (select max(event_id) - 2500 from raw.status_events),
         (select max(contact_id) - 500 from raw.contacts)`,
      [SNAPSHOT.toISOString()],
    );
    await warehouse.run("insert into meta.month_counts select received_month, count(*) from core.reports group by received_month");
    await warehouse.run("update meta.run_parameters set snapshot_at = snapshot_at + interval 1 day");
    expect(await planAndBuild()).toEqual(clean);
  }, 120_000);
});
