/**
 * `npm run bench`: runs every benchmark script in sequence, each in its own process so that
 * peak memory figures are not mixed. Pass names to run a subset: `npm run bench -- ingest`.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const all = ["generate", "ingest", "pipeline", "release"];
const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const names = wanted.length > 0 ? wanted : all;
let failed = 0;
for (const name of names) {
  const script = path.join(here, `${name}.ts`);
  if (!existsSync(script)) {
    if (wanted.length > 0) {
      console.error(`benchmark inconnu : ${name}`);
      failed++;
    }
    continue;
  }
  console.log(`\n=== benchmark: ${name}`);
  const started = Date.now();
  const result = spawnSync(process.execPath, ["--import", "tsx", script], { stdio: "inherit" });
  console.log(
    `=== ${name}: ${result.status === 0 ? "ok" : `FAILED (${result.status})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (result.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
