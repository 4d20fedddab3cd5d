import { describe, expect, test } from "vitest";
import { createLocator } from "../core/districts.ts";
import { loadReference } from "../reference.ts";
import { planMonths } from "./plan.ts";
import { dailyQuotas, type GeneratedRecord, generateMonth } from "./records.ts";
import { buildWorld } from "./world.ts";

const ref = loadReference();
const world = buildWorld(2026, ref, 256);
const DAY = 86_400_000;

describe("planMonths", () => {
  test.each([
    // months, perMonth, end → [key, lastDay, reportCount] per month, run end (UTC)
    [
      3,
      310,
      "2026-03-10",
      [
        ["202601", 31, 310],
        ["202602", 28, 310],
        ["202603", 10, 100],
      ],
      "2026-03-10T23:00:00.000Z",
    ],
    [
      2,
      100,
      "2026-01-15",
      [
        ["202512", 31, 100],
        ["202601", 15, 48],
      ],
      "2026-01-15T23:00:00.000Z",
    ],
    [1, 70, "2026-07-31", [["202607", 31, 70]], "2026-07-31T22:00:00.000Z"],
  ] as const)("%i months × %i ending %s", (months, perMonth, end, expected, runEnd) => {
    const plans = planMonths(months, perMonth, end);
    expect(plans.map((p) => [p.key, p.lastDay, p.reportCount])).toEqual(expected);
    expect(new Date(plans[0]?.runEndMs ?? 0).toISOString()).toBe(runEnd);
  });
});

describe("dailyQuotas", () => {
  test("March 2026, 310 reports: weekends get 8, the first 18 weekdays 11, the last 4 weekdays 10", () => {
    const [plan] = planMonths(1, 310, "2026-03-31");
    const quotas = plan ? dailyQuotas(plan) : [];
    const weekend = [1, 7, 8, 14, 15, 21, 22, 28, 29];
    const expected = Array.from({ length: 31 }, (_, i) => (weekend.includes(i + 1) ? 8 : [26, 27, 30, 31].includes(i + 1) ? 10 : 11));
    expect(quotas).toEqual(expected);
    expect(quotas.reduce((a, b) => a + b, 0)).toBe(310);
  });
});

describe("generateMonth", () => {
  const plans = planMonths(3, 3000, "2026-06-30");
  const april = plans[0];
  if (!april) throw new Error("plan attendu");
  const records: GeneratedRecord[] = [...generateMonth(world, april)].flat();
  const reports = records.filter((r) => r.createsReport);
  const locator = createLocator(ref.districts, ref.communes);

  test("exactly perMonth records create a report, ids are unique", () => {
    expect(reports.length).toBe(3000);
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    expect(new Set(reports.map((r) => r.reference)).size).toBe(3000);
  });

  test("every point lies in the district it was generated for", () => {
    const located = records.filter((r) => r.point);
    expect(located.length).toBeGreaterThan(1500);
    for (const r of located) expect(locator.district(r.point?.lon ?? 0, r.point?.lat ?? 0)).toBe(r.district);
  });

  test.each([
    ["web", 0.4],
    ["app", 0.3],
    ["phone", 0.2],
    ["email", 0.1],
  ])("share of %s reports is %f ± 0.03", (channel, share) => {
    expect(Math.abs(reports.filter((r) => r.channel === channel).length / 3000 - share)).toBeLessThan(0.03);
  });

  test("≈ 60 % of calls and ≈ 70 % of emails create a report", () => {
    const calls = records.filter((r) => r.channel === "phone");
    const emails = records.filter((r) => r.channel === "email");
    expect(Math.abs(calls.filter((r) => r.createsReport).length / calls.length - 0.6)).toBeLessThan(0.05);
    expect(Math.abs(emails.filter((r) => r.createsReport).length / emails.length - 0.7)).toBeLessThan(0.06);
    expect(calls.every((r) => new Date(r.receivedMs).getUTCDay() !== 0)).toBe(true);
  });

  test("events follow the lifecycle order, strictly increase and stop before the end", () => {
    for (const r of reports) {
      const labels = r.events.map((e) => e.label);
      expect(labels.slice(0, 3)).toEqual(["Création", "Accusé de réception", "Affectation"].slice(0, labels.length));
      for (let i = 1; i < r.events.length; i++) {
        expect((r.events[i]?.atMs ?? 0) - (r.events[i - 1]?.atMs ?? 0)).toBeGreaterThanOrEqual(1000);
      }
      expect(r.events.every((e) => e.atMs < april.runEndMs && e.atMs > r.receivedMs)).toBe(true);
      const closure = labels.indexOf("Clôture");
      if (closure >= 0) expect(labels.slice(0, closure)).toContain("Début d'intervention");
      const reopen = labels.indexOf("Réouverture");
      if (reopen >= 0) expect(labels[reopen - 1]).toBe("Réclamation");
      for (const e of r.events) if (e.label === "Programmation") expect(e.planned).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    }
  });

  test("realistic shares: 15–25 % closed after 15 days, reroutes ≈ 8 %, escalations ≈ 3 %, complaints ≈ 5 % and thanks ≈ 8 % of closed", () => {
    const closedAt = (r: GeneratedRecord) => r.events.find((e) => e.label === "Clôture")?.atMs;
    const closed = reports.filter((r) => closedAt(r) !== undefined);
    const late = closed.filter((r) => (closedAt(r) ?? 0) - r.receivedMs > 15 * DAY);
    const has = (label: string) => reports.filter((r) => r.events.some((e) => e.label === label)).length;
    expect(late.length / closed.length).toBeGreaterThan(0.15);
    expect(late.length / closed.length).toBeLessThan(0.25);
    expect(Math.abs(has("Réaffectation") / 3000 - 0.08)).toBeLessThan(0.02);
    expect(Math.abs(has("Escalade direction de territoire") / 3000 - 0.03)).toBeLessThan(0.012);
    expect(Math.abs(has("Réclamation") / closed.length - 0.05)).toBeLessThan(0.015);
    expect(Math.abs(has("Remerciement") / closed.length - 0.08)).toBeLessThan(0.02);
  });

  test("litter peaks in summer and lighting faults in winter", () => {
    const share = (month: number, code: string) => {
      const t = world.categoryTables[month - 1];
      if (!t) return 0;
      const i = t.items.findIndex((c) => c.code === code);
      return (t.cumulative[i] ?? 0) - (i > 0 ? (t.cumulative[i - 1] ?? 0) : 0);
    };
    expect(share(7, "corbeille_pleine")).toBeGreaterThan(2 * share(1, "corbeille_pleine"));
    expect(share(1, "eclairage_en_panne")).toBeGreaterThan(2 * share(7, "eclairage_en_panne"));
  });
});
