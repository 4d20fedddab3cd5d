import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { isCounterClockwise } from "../core/geo.ts";
import { appendDecision } from "../governance/decisions.ts";
import { indicatorRegistry } from "../governance/registry.ts";
import { loadReference, PROJECT_ROOT } from "../reference.ts";
import { syntheticTables } from "./fixture.ts";
import { buildRelease, loadPublicationConfig } from "./release.ts";
import { parseRfc4180 } from "./rfc4180.ts";

/** ajv-formats is CommonJS: its default import is the plugin function itself. */
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const KEY = "cle-de-test-synthetique-0123456789abcdef";
const K = 11;
const work = mkdtempSync(path.join(tmpdir(), "publication-"));
const pub = path.join(work, "public");
const preview = path.join(work, "preview");
const again = path.join(work, "again");
const districts = loadReference().districts.features;
const decisionLog = path.join(work, "decisions.jsonl");
for (const d of indicatorRegistry()) {
  const decision = { indicateur: d.id, decision: "approuve" as const, par: "Conseil municipal (test)", ref: "TEST-2026-001", motif: null };
  appendDecision(decisionLog, { ...decision, empreinte: d.fingerprint }, new Date("2026-03-30T18:00:00Z"));
}
const { policy, registry } = await loadPublicationConfig(PROJECT_ROOT, decisionLog);
const base = { geo: { districts }, version: "1.0.0", releasedAt: "2026-04-01", key: KEY, policy, registry };

beforeAll(async () => {
  await buildRelease({ ...base, tables: syntheticTables(70), outDir: pub, preview: false });
  await buildRelease({ ...base, tables: syntheticTables(70), outDir: preview, preview: true });
  await buildRelease({ ...base, tables: syntheticTables(70), outDir: again, preview: false });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const list = (dir: string, rel = ""): string[] =>
  readdirSync(path.join(dir, rel))
    .flatMap((e) => (statSync(path.join(dir, rel, e)).isDirectory() ? list(dir, path.join(rel, e)) : [path.join(rel, e)]))
    .sort();
const read = (rel: string, dir = pub) => readFileSync(path.join(dir, rel));
const text = (rel: string, dir = pub) => read(rel, dir).toString("utf8");
const csvTables = () =>
  list(pub)
    .filter((f) => f.startsWith("data/") && f.endsWith(".csv"))
    .map((f) => path.basename(f, ".csv"));
const records = (table: string): Record<string, string>[] => {
  const [header, ...rows] = parseRfc4180(text(`data/${table}.csv`));
  return rows.map((r) => Object.fromEntries((header ?? []).map((h, i) => [h, r[i] ?? ""])));
};
const vendor = (rel: string) => JSON.parse(readFileSync(path.join(PROJECT_ROOT, "schemas/vendor", rel), "utf8"));

test("same inputs and key ⇒ byte-identical release", () => {
  expect(list(again)).toEqual(list(pub));
  for (const f of list(pub)) expect(read(f, again).equals(read(f)), f).toBe(true);
});

test("the layout of DESIGN.md", () => {
  expect(list(pub)).toEqual(
    expect.arrayContaining([
      "CHANGELOG.md",
      "LISEZMOI.md",
      "SHA256SUMS",
      "catalogue.jsonld",
      "datapackage.json",
      "data/quartiers.geojson",
      "data/volumes_mensuels.csv",
      "data/volumes_mensuels.parquet",
      "excel/volumes_mensuels.csv",
      "schemas/volumes_mensuels.schema.json",
      "data/travaux_en_cours.geojson",
    ]),
  );
});

test("a build without key is refused and writes nothing", async () => {
  const out = path.join(work, "sans-cle");
  await expect(buildRelease({ ...base, key: undefined, tables: syntheticTables(70), outDir: out, preview: false })).rejects.toThrow(
    "clé de pseudonymisation absente : définissez SIGNALEMENTS_PSEUDO_KEY",
  );
  expect(() => statSync(out)).toThrow();
});

describe("Frictionless", () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  test.each(["2.0", "1.0"])("datapackage.json is valid against the vendored Data Package %s profile", (version) => {
    const validate = ajv.compile(vendor(`frictionless/${version}/datapackage.json`));
    const ok = validate(JSON.parse(text("datapackage.json")));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });
  test.each(["2.0", "1.0"])("every Table Schema is valid against the vendored Table Schema %s profile", (version) => {
    const validate = ajv.compile(vendor(`frictionless/${version}/tableschema.json`));
    for (const table of csvTables()) expect(validate(JSON.parse(text(`schemas/${table}.schema.json`))), table).toBe(true);
  });
  test("the package records the threshold and every indicator's publication decision", async () => {
    const dp = JSON.parse(text("datapackage.json"));
    expect(dp.secret_statistique.seuil_k).toBe(11);
    expect(dp.decisions_publication.map((d: { table: string; decision: string }) => `${d.table}:${d.decision}`)).toEqual(
      indicatorRegistry().map((d) => `${d.id}:approved`),
    );
    expect(dp.decisions_publication[0]).toMatchObject({
      decide_par: "Conseil municipal (test)",
      decide_le: "2026-03-30",
      deliberation: "TEST-2026-001",
      empreinte: indicatorRegistry()[0]?.fingerprint,
    });
  });
  test("resources: bytes and sha256 match the files, licence etalab-2.0", () => {
    const dp = JSON.parse(text("datapackage.json"));
    expect(dp.licenses).toEqual([
      { name: "etalab-2.0", path: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/", title: "Licence Ouverte 2.0" },
    ]);
    for (const r of dp.resources) {
      expect(r.bytes).toBe(read(r.path).length);
      expect(r.hash).toBe(`sha256:${require_sha256(read(r.path))}`);
    }
  });
  test("data values match their Table Schema fields (independent checker)", () => {
    for (const table of csvTables()) {
      const schema = JSON.parse(text(`schemas/${table}.schema.json`));
      for (const [i, row] of records(table).entries()) {
        for (const field of schema.fields) expect(checkValue(row[field.name], field), `${table} ligne ${i + 1} ${field.name}`).toBe(true);
      }
    }
  });
});

test("SHA256SUMS lists every other file, sorted, with correct digests", () => {
  const lines = text("SHA256SUMS").trimEnd().split("\n");
  const paths = lines.map((l) => l.slice(66));
  expect(paths).toEqual(list(pub).filter((f) => f !== "SHA256SUMS"));
  for (const l of lines) expect(l.slice(0, 64)).toBe(require_sha256(read(l.slice(66))));
});

describe("CSV and Excel twin", () => {
  test("canonical CSVs parse strictly, no BOM", () => {
    for (const table of csvTables()) {
      expect(read(`data/${table}.csv`)[0]).not.toBe(0xef);
      expect(records(table).length).toBeGreaterThan(0);
    }
  });
  test("the Excel twin equals the canonical CSV row for row once un-neutralised", () => {
    for (const table of csvTables()) {
      const twin = text(`excel/${table}.csv`);
      expect(twin.startsWith("\uFEFF")).toBe(true);
      const excel = parseRfc4180(twin.slice(1), ";");
      const canonical = parseRfc4180(text(`data/${table}.csv`));
      const fields = JSON.parse(text(`schemas/${table}.schema.json`)).fields as { type: string }[];
      const back = excel.map((r, i) =>
        r.map((v, j) =>
          i > 0 && ["number", "integer"].includes(fields[j]?.type ?? "") ? v.replace(",", ".") : v.replace(/^'(?=[=+\-@\t\r])/, ""),
        ),
      );
      expect(back).toEqual(canonical);
    }
  });
});

describe("disclosure control on the release", () => {
  test("every count of the controlled tables is 0 or ≥ k, except the map's residual", () => {
    let checked = 0;
    for (const table of ["carte_h3", "signalements_sensibles"]) {
      for (const row of records(table)) {
        if (row.cellule_h3 === "autres_zones" || row.nb_signalements === "") continue;
        checked++;
        expect(Number(row.nb_signalements) === 0 || Number(row.nb_signalements) >= K, `${table}=${row.nb_signalements}`).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(3);
  });
  test("sensitive counts: below k and dominated cells emptied and flagged, zeros and big cells kept", () => {
    const byDistrict = Object.fromEntries(
      records("signalements_sensibles").map((r) => [r.code_quartier, [r.nb_signalements, r.secret_statistique]]),
    );
    expect(byDistrict).toEqual({
      centre: ["25", "false"],
      gare: ["", "true"],
      neudorf: ["0", "false"],
      robertsau: ["", "true"],
      // 44 − 25 = 19 = gare + robertsau: robertsau would be known within 4 of the truth, so the total goes.
      ensemble: ["", "true"],
    });
  });
  test("general tables are published whatever n, with no secret and no internal column", async () => {
    const out = path.join(work, "small");
    await buildRelease({ ...base, tables: syntheticTables(12), outDir: out, preview: false });
    const rows = (table: string) => {
      const [header, ...data] = parseRfc4180(text(`data/${table}.csv`, out));
      return data.map((r) => Object.fromEntries((header ?? []).map((h, i) => [h, r[i] ?? ""])));
    };
    const small = rows("delais_par_service").filter((r) => Number(r.n) > 0 && Number(r.n) < K);
    expect(small.length).toBeGreaterThan(5);
    for (const r of small) expect([r.n_clos, r.delai_median_jours, r.statut_delai_median]).not.toContain("");
    for (const table of ["volumes_mensuels", "delais_par_service", "delais_par_quartier"]) {
      for (const r of rows(table)) expect(r.secret_statistique).toBe("false");
      expect(Object.keys(rows(table)[0] ?? {})).not.toContain("part_max_declarant");
    }
  });
  test("the map adds up to every located report of the fixture (cells + residual)", () => {
    const total = records("carte_h3").reduce((sum, r) => sum + Number(r.nb_signalements), 0);
    // syntheticTables(70): 3 months × 70 reports + 15 by the prolific reporter, all located.
    expect(total).toBe(3 * 70 + 15);
  });
});

describe("GeoJSON", () => {
  test.each(["data/quartiers.geojson", "data/travaux_en_cours.geojson"])(
    "%s: RFC 7946 structure, CCW, ≤ 6 decimals, no crs, bbox",
    (file) => {
      const fc = JSON.parse(text(file));
      expect(fc.type).toBe("FeatureCollection");
      expect(fc.crs).toBeUndefined();
      expect(fc.bbox).toHaveLength(4);
      for (const f of fc.features) {
        expect(f.geometry.type).toBe("Polygon");
        f.geometry.coordinates.forEach((ring: [number, number][], i: number) => {
          expect(isCounterClockwise(ring)).toBe(i === 0);
          expect(ring[0]).toEqual(ring.at(-1));
          for (const c of ring.flat()) expect(String(c).split(".")[1]?.length ?? 0).toBeLessThanOrEqual(6);
        });
      }
    },
  );
});

describe("DCAT-AP catalogue", () => {
  const shapes = mandatoryFromShacl(readFileSync(path.join(PROJECT_ROOT, "schemas/vendor/dcat-ap/dcat-ap-SHACL-3.0.1.ttl"), "utf8"));
  test("the SHACL shapes list the expected mandatory properties", () => {
    expect(shapes.Catalog).toEqual(expect.arrayContaining(["dct:title", "dct:description", "dct:publisher"]));
    expect(shapes.Dataset).toEqual(expect.arrayContaining(["dct:title", "dct:description"]));
    expect(shapes.Distribution).toEqual(expect.arrayContaining(["dcat:accessURL"]));
  });
  test("catalogue, datasets and distributions carry every mandatory property", () => {
    const cat = JSON.parse(text("catalogue.jsonld"));
    for (const p of shapes.Catalog ?? []) expect(cat[p], `Catalog ${p}`).toBeDefined();
    for (const d of cat["dcat:dataset"]) {
      for (const p of [...(shapes.Dataset ?? []), "dct:identifier", "dcat:contactPoint", "dct:license"])
        expect(d[p], `Dataset ${p}`).toBeDefined();
      for (const dist of d["dcat:distribution"]) {
        for (const p of [...(shapes.Distribution ?? []), "dcat:downloadURL", "dct:format", "dcat:mediaType", "dcat:byteSize"])
          expect(dist[p], `Distribution ${p}`).toBeDefined();
      }
    }
  });
});

describe("publication gate", () => {
  test("the preview carries the mark, the public release does not", () => {
    expect(JSON.parse(text("datapackage.json", preview)).statut_publication).toBe("projet — non publié");
    expect(text("LISEZMOI.md", preview)).toContain("PROJET — NON PUBLIÉ");
    expect(JSON.parse(text("datapackage.json")).statut_publication).toBe("publié");
    expect(text("LISEZMOI.md")).not.toContain("NON PUBLIÉ");
  });
  test("every file of the preview carries the mark (SHA256SUMS aside: it lists marked files), no public file does", () => {
    const mark = "projet — non publié";
    const marked = (f: string, dir: string) => read(f, dir).includes(Buffer.from(mark)) || text(f, dir).toLowerCase().includes(mark);
    const unmarked = list(preview).filter((f) => f !== "SHA256SUMS" && !marked(f, preview));
    expect(unmarked).toEqual([]);
    expect(list(pub).filter((f) => marked(f, pub) || text(f).toLowerCase().includes("non publié"))).toEqual([]);
    const [header, first] = parseRfc4180(text("data/volumes_mensuels.csv", preview));
    expect([header?.at(-1), first?.at(-1)]).toEqual(["statut_publication", mark]);
    expect(JSON.parse(text("data/quartiers.geojson", preview)).statut_publication).toBe(mark);
  });
  test("LISEZMOI records the decision behind each published indicator", () => {
    const fp = indicatorRegistry()[0]?.fingerprint.slice(0, 12);
    expect(text("LISEZMOI.md")).toContain(
      `- \`volumes_mensuels\` : approuvé (Conseil municipal (test), le 2026-03-30, TEST-2026-001 ; empreinte de la définition \`${fp}\`).`,
    );
  });
  test("an indicator not approved stays out of every file of the public release, not just hidden", async () => {
    const pending = {
      ...registry,
      indicateurs: registry.indicateurs.map((i) => (i.table === "travaux_en_cours" ? { ...i, decision: "pending" as const } : i)),
    };
    const out = path.join(work, "gate");
    const summary = await buildRelease({ ...base, tables: syntheticTables(70), outDir: out, preview: false, policy, registry: pending });
    expect(summary.tables.map((t) => t.table)).toEqual([
      "volumes_mensuels",
      "delais_par_service",
      "delais_par_quartier",
      "carte_h3",
      "signalements_sensibles",
    ]);
    expect(list(out).some((f) => f.includes("travaux"))).toBe(false);
    const mentions = list(out).filter((f) => /travaux_en_cours|Travaux en cours sur l'espace public/.test(text(f, out)));
    expect(mentions).toEqual([]);
    // Positive control: the same scan finds the table in the release that approves it.
    expect(list(pub).filter((f) => text(f).includes("travaux_en_cours"))).toEqual([
      "LISEZMOI.md",
      "SHA256SUMS",
      "catalogue.jsonld",
      "datapackage.json",
    ]);
  });
});

import { createHash } from "node:crypto";

function require_sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Independent Table Schema value check (types, required, min/max, enum, pattern, maxLength). */
function checkValue(value: string | undefined, field: { type: string; constraints: Record<string, unknown> }): boolean {
  if (value === undefined) return false;
  const c = field.constraints;
  if (value === "") return c.required !== true;
  const patterns: Record<string, RegExp> = {
    integer: /^-?\d+$/,
    number: /^-?\d+(\.\d+)?$/,
    boolean: /^(true|false)$/,
    date: /^\d{4}-\d{2}-\d{2}$/,
    datetime: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/,
    string: /^[\s\S]*$/,
  };
  if (!patterns[field.type]?.test(value)) return false;
  if (field.type === "integer" || field.type === "number") {
    const n = Number(value);
    if (typeof c.minimum === "number" && n < c.minimum) return false;
    if (typeof c.maximum === "number" && n > c.maximum) return false;
  }
  if (Array.isArray(c.enum) && !c.enum.includes(value)) return false;
  if (typeof c.pattern === "string" && !new RegExp(`^(?:${c.pattern})$`).test(value)) return false;
  if (typeof c.maxLength === "number" && [...value].length > c.maxLength) return false;
  return true;
}

/** Mandatory (sh:minCount ≥ 1) property paths per target class, read from the vendored DCAT-AP SHACL shapes. */
function mandatoryFromShacl(ttl: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const block of ttl.split(/ \.\n/)) {
    const m = /#dcat:(Catalog|Dataset|Distribution)Shape\/[0-9a-f]+>/.exec(block);
    if (!m || !/shacl:minCount [1-9]/.test(block)) continue;
    const p = /shacl:path (\S+?)\s*(;|$)/.exec(block)?.[1];
    if (!p || !m[1]) continue;
    const name = p.replace(/^dc:/, "dct:");
    out[m[1]] = [...new Set([...(out[m[1]] ?? []), name])];
  }
  return out;
}

test("output columns and GeoJSON properties equal the committed allowlist", () => {
  const allowlist = JSON.parse(readFileSync(path.join(PROJECT_ROOT, "schemas/published/allowlist.json"), "utf8")) as Record<
    string,
    string[]
  >;
  for (const file of list(pub).filter((f) => f.startsWith("data/") && !f.endsWith(".parquet"))) {
    const expected = allowlist[file];
    expect(expected, file).toBeDefined();
    if (file.endsWith(".csv")) expect(parseRfc4180(text(file))[0]).toEqual(expected);
    else for (const f of JSON.parse(text(file)).features) expect(Object.keys(f.properties)).toEqual(expected);
  }
});
