import { approvedRegistry } from "../governance/testing.ts";
import { loadReference } from "../reference.ts";
import { syntheticTables } from "./fixture.ts";
import { buildRelease } from "./release.ts";

/** Builds a large synthetic release into the folder given as first argument (used by the interruption test). */
const outDir = process.argv[2];
if (!outDir) throw new Error("dossier de sortie attendu en argument");
await buildRelease({
  tables: syntheticTables(Number(process.argv[3] ?? 20000)),
  geo: { districts: loadReference().districts.features },
  version: "2.0.0",
  releasedAt: "2026-05-01",
  key: "cle-de-test-synthetique-0123456789abcdef",
  outDir,
  preview: true,
  registry: approvedRegistry(),
});
