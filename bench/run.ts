/**
 * `npm run bench`: the whole-chain benchmark on generator-made native files (bench/chain.ts,
 * `npm run bench -- --reports N`, default 1 M), or named benchmark scripts, each in its own process
 * so that peak memory figures are not mixed: `npm run bench -- ingest pipeline release`.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const names = args.filter((a, i) => !a.startsWith("-") && !args[i - 1]?.startsWith("--"));
const options = args.filter((a) => !names.includes(a));
let failed = 0;
for (const name of names.length > 0 ? names : ["chain"]) {
  const script = path.join(here, `${name}.ts`);
  if (!existsSync(script)) {
    console.error(`benchmark inconnu : ${name}`);
    failed++;
    continue;
  }
  console.log(`\n=== benchmark: ${name}`);
  const started = Date.now();
  const result = spawnSync(process.execPath, ["--import", "tsx", script, ...options], { stdio: "inherit" });
  console.log(
    `=== ${name}: ${result.status === 0 ? "ok" : `FAILED (${result.status})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (result.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
