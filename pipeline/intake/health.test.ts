import { expect, test } from "vitest";
import { assessHealth, since } from "./health.ts";

const NOW = Date.UTC(2026, 3, 1);

test("since: cut-off instants", () => {
  expect(since(NOW, 7)).toBe("2026-03-25T00:00:00Z");
  expect(since(NOW, 30)).toBe("2026-03-02T00:00:00Z");
});

test("every source listed; a source silent more than 7 days, or never seen, is flagged", () => {
  const rows = [
    { source: "web", last_at: "2026-03-31T10:00:00Z", n_7d: 12, n_30d: 40 },
    { source: "phone", last_at: "2026-03-20T10:00:00Z", n_7d: 0, n_30d: 9 },
  ];
  expect(assessHealth(rows, NOW).map((h) => [h.source, h.silent])).toEqual([
    ["web", false],
    ["app", true],
    ["phone", true],
    ["email", true],
    ["backoffice", true],
  ]);
});
