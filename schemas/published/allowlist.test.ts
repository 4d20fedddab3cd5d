import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { PROJECT_ROOT } from "../../pipeline/reference.ts";
import { derivedAllowlist } from "./allowlist.ts";

const committed = JSON.parse(readFileSync(`${PROJECT_ROOT}/schemas/published/allowlist.json`, "utf8"));

test("the columns derived from the zod schemas equal the committed allowlist (review any change by hand)", () => {
  expect(derivedAllowlist()).toEqual(committed);
});

test.each([
  ["data/travaux_en_cours.csv", ["latitude", "longitude", "id_interne", "adresse", "description", "part_max_declarant"]],
  ["data/volumes_mensuels.csv", ["part_max_declarant", "id_declarant"]],
])("%s never lists internal or personal columns", (file, forbidden) => {
  for (const column of forbidden) expect(committed[file]).not.toContain(column);
});
