/**
 * Benchmark of the intake service: starts `signalements serve` as a child process on a temporary
 * store (loopback, free port), then POSTs Open311 reports with autocannon from this process for a
 * bounded time with bounded connections, each body unique (no idempotent replays), and prints the
 * sustained rate, p50/p99 latency, errors, non-2xx answers, the server's CPU per report (from its
 * `--stats` counters, read before and after the load) and the load average before and after, so that
 * figures taken on a shared 2-core machine can be interpreted.
 * Usage: tsx bench/intake.ts [seconds=15] [connections=32]
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openStore } from "../pipeline/intake/db.ts";
import { createKey } from "../pipeline/service/secrets.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const seconds = Math.min(60, Number(process.argv[2] ?? 15));
const connections = Math.min(64, Number(process.argv[3] ?? 32));

/** The JSON summary autocannon prints with `--json`, as far as it is read here. */
interface Summary {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  "2xx": number;
}

const dir = mkdtempSync(path.join(tmpdir(), "bench-intake-"));
const store = path.join(dir, "intake.sqlite");
const db = openStore(store);
const { key } = createKey(db, { role: "channel", label: "banc d'essai", district: null }, new Date().toISOString());
db.close();

const server = spawn(
  process.execPath,
  [
    ...(process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean),
    "--import",
    "tsx",
    "pipeline/cli.ts",
    "serve",
    "--store",
    store,
    "--port",
    "0",
    "--dist",
    dir,
    "--stats",
  ],
  {
    cwd: root,
    env: { ...process.env, SIGNALEMENTS_SERVICE_SECRET: "secret-du-banc", SIGNALEMENTS_SMTP_URL: "" },
    stdio: ["ignore", "ignore", "pipe"],
  },
);
/** The server's counters, as printed by `serve --stats`. */
interface Stats {
  cpuUs: number;
  jobs: number;
  batches: number;
  maxBatch: number;
  syncs: number;
  checkpoints: number;
}

let err = "";
const statsWaiters: ((s: Stats) => void)[] = [];
server.stderr.on("data", (chunk: Buffer) => {
  err += chunk.toString();
  for (;;) {
    const m =
      /statistiques : cpu_user_us=(\d+) cpu_system_us=(\d+) batches=(\d+) jobs=(\d+) \S+ batch_max=(\d+) fsyncs=(\d+) checkpoints=(\d+)\n/.exec(
        err,
      );
    if (!m) break;
    err = err.slice((m.index ?? 0) + m[0].length);
    const n = m.slice(1).map(Number) as [number, number, number, number, number, number, number];
    statsWaiters.shift()?.({ cpuUs: n[0] + n[1], batches: n[2], jobs: n[3], maxBatch: n[4], syncs: n[5], checkpoints: n[6] });
  }
});

/** Asks the server for its counters (SIGUSR2) and waits for the line. */
function serverStats(): Promise<Stats> {
  return new Promise((resolve) => {
    statsWaiters.push(resolve);
    server.kill("SIGUSR2");
  });
}

const loads = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

try {
  const url = await new Promise<string>((resolve, reject) => {
    const poll = setInterval(() => {
      const m = /Écoute sur (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
      if (m?.[1]) {
        clearInterval(poll);
        resolve(m[1]);
      }
    }, 20);
    server.once("exit", (code) => {
      clearInterval(poll);
      reject(new Error(`server exited (${code}): ${err}`));
    });
  });
  const body = JSON.stringify({
    service_code: "nid_de_poule",
    description: "banc [<id>]",
    lat: 48.58,
    long: 7.75,
    email: "banc@exemple.test",
    device: "app",
  });
  const loadBefore = loads();
  console.log(`POST ${url}/open311/v2/requests.json: ${connections} connections, ${seconds} s, load before ${loadBefore}`);
  const before = await serverStats();
  const summary = await new Promise<Summary>((resolve, reject) => {
    const args = [
      path.join(root, "node_modules", "autocannon", "autocannon.js"),
      "--json",
      "-c",
      String(connections),
      "-d",
      String(seconds),
      "-m",
      "POST",
      "-H",
      "content-type=application/json",
      "-H",
      `x-api-key=${key}`,
      "-b",
      body,
      "-I",
      `${url}/open311/v2/requests.json`,
    ];
    const client = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    client.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    client.once("exit", (code) => (code === 0 ? resolve(JSON.parse(out) as Summary) : reject(new Error(`autocannon exited ${code}`))));
  });
  const after = await serverStats();
  const check = openStore(store, { readonly: true });
  const stored = (check.prepare("select count(*) as n from reports").get() as { n: number }).n;
  check.close();
  console.log(`sustained rate : ${summary.requests.average.toFixed(0)} requests/s (${summary.requests.total} in ${seconds} s)`);
  console.log(`latency        : p50 ${summary.latency.p50} ms, p99 ${summary.latency.p99} ms, max ${summary.latency.max} ms`);
  console.log(`errors         : ${summary.errors} (timeouts ${summary.timeouts}), non-2xx ${summary.non2xx}, 2xx ${summary["2xx"]}`);
  console.log(`reports stored : ${stored}`);
  const jobs = after.jobs - before.jobs;
  const batches = after.batches - before.batches;
  const cpuPerReport = jobs > 0 ? (after.cpuUs - before.cpuUs) / jobs : 0;
  console.log(
    `server CPU     : ${cpuPerReport.toFixed(0)} µs per report (${((after.cpuUs - before.cpuUs) / 1e6).toFixed(1)} s for ${jobs} writes), ` +
      `${batches} commits, ${batches > 0 ? (jobs / batches).toFixed(1) : 0} writes per commit, largest ${after.maxBatch}, ` +
      `${after.syncs - before.syncs} WAL syncs, ${after.checkpoints - before.checkpoints} checkpoints`,
  );
  console.log(`load average   : before ${loadBefore}, after ${loads()} (1, 5, 15 min; ${availableParallelism()} cores)`);
  // Requests still in flight when the time is up are stored but not counted by autocannon: at least as many.
  const ok = summary.errors === 0 && summary.non2xx === 0 && stored >= summary["2xx"];
  if (!ok) console.log("FAILED: errors, non-2xx answers, or 2xx answers without a stored report");
  process.exitCode = ok ? 0 : 1;
} finally {
  server.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}
