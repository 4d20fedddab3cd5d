import { describe, expect, test } from "vitest";
import { nextRelease, type ReleaseState } from "./versioning.ts";

const first = { version: "1.0.0", changelog: [{ version: "1.0.0", date: "2026-01-31", changes: ["Première publication."] }] };
const previous: ReleaseState = {
  version: "1.4.2",
  contract: { a: ["x", "y"], b: ["z"] },
  data: { "data/a.csv": "h1", "data/b.csv": "h2" },
  changelog: [{ version: "1.4.2", date: "2026-03-31", changes: ["Données mises à jour au 2026-03-31."] }],
};

describe("nextRelease", () => {
  test("the first release takes the configured version and changelog", () => {
    expect(nextRelease(undefined, { contract: {}, data: {} }, first, "2026-04-30")).toEqual({ ...first, bump: "premiere" });
  });

  test.each([
    [
      "a table removed",
      { contract: { a: ["x", "y"] }, data: { "data/a.csv": "h1" } },
      "2.0.0",
      ["1 indicateur retiré de la publication.", "Données mises à jour au 2026-04-30."],
    ],
    [
      "a column removed and one added",
      { contract: { a: ["x", "w"], b: ["z"] }, data: previous.data },
      "2.0.0",
      ["1 colonne retirée.", "1 colonne ajoutée."],
    ],
    [
      "two tables added",
      { contract: { ...previous.contract, c: ["q"], d: ["r"] }, data: { ...previous.data, "data/c.csv": "h3", "data/d.csv": "h4" } },
      "1.5.0",
      ["2 indicateurs ajoutés après décision des élus.", "Données mises à jour au 2026-04-30."],
    ],
    [
      "data only",
      { contract: previous.contract, data: { ...previous.data, "data/b.csv": "h9" } },
      "1.4.3",
      ["Données mises à jour au 2026-04-30."],
    ],
  ])("%s", (_label, current, version, changes) => {
    const next = nextRelease(previous, current, first, "2026-04-30");
    expect(next.version).toBe(version);
    expect(next.changelog).toEqual([{ version, date: "2026-04-30", changes }, ...previous.changelog]);
  });

  test("nothing changed: same version, same changelog", () => {
    expect(nextRelease(previous, { contract: previous.contract, data: previous.data }, first, "2026-04-30")).toEqual({
      version: "1.4.2",
      changelog: previous.changelog,
      bump: "aucune",
    });
  });
});
