/**
 * `signalements serve`: the intake service (Open311, agent API, resident follow-up) and the built
 * dashboard, in one process; the outbox worker runs when SIGNALEMENTS_SMTP_URL is set.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { CliError, EXIT, parseOptions } from "../errors.ts";
import { PROJECT_ROOT } from "../reference.ts";
import { DEFAULT_STORE } from "../root.ts";
import { OutboxWorker } from "../service/mailer.ts";
import { type RunningService, startService } from "../service/server.ts";

const optionsSchema = z.object({
  store: z.string().min(1).default(DEFAULT_STORE),
  host: z
    .enum(["127.0.0.1", "::1", "localhost", "0.0.0.0"], { error: "--host : 127.0.0.1, ::1, localhost ou 0.0.0.0" })
    .default("127.0.0.1"),
  port: z.coerce.number().int().min(0).max(65_535).default(3000),
  dist: z.string().min(1).default(path.join(PROJECT_ROOT, "dist")),
  preview: z.string().min(1).default(path.join(PROJECT_ROOT, "dist-apercu")),
  publicUrl: z.url("--public-url doit être une adresse web").optional(),
  anonymousLimit: z.coerce.number().int().min(1).default(20),
  keyedLimit: z.coerce.number().int().min(1).default(120_000),
  followupLimit: z.coerce.number().int().min(1).default(60),
  stats: z.boolean().default(false),
});

/**
 * One line of counters for benchmarks and diagnosis: process CPU since start (µs) and the group
 * committer's batches; no request data, so nothing personal.
 */
export function statsLine(service: RunningService): string {
  const cpu = process.cpuUsage();
  const c = service.ctx.repo.committer.stats();
  const d = service.diagnostics();
  const perBatch = c.batches > 0 ? (c.jobs / c.batches).toFixed(1) : "0";
  return (
    `statistiques : cpu_user_us=${cpu.user} cpu_system_us=${cpu.system} batches=${c.batches} jobs=${c.jobs} ` +
    `jobs_par_batch=${perBatch} batch_max=${c.maxBatch} fsyncs=${d.syncs} checkpoints=${d.checkpoints}`
  );
}

/** The service secret: SIGNALEMENTS_SERVICE_SECRET, else a random one created once next to the store (never committed). */
export function serviceSecret(store: string): string {
  const fromEnv = process.env.SIGNALEMENTS_SERVICE_SECRET;
  if (fromEnv) return fromEnv;
  const file = path.join(path.dirname(path.resolve(store)), "runtime", "service.key");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString("hex")}\n`, { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

/** Origins allowed by CORS, from SIGNALEMENTS_CORS_ORIGINS (comma-separated); none by default. */
function corsOrigins(): string[] {
  return (process.env.SIGNALEMENTS_CORS_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim())
    .filter((o) => o !== "");
}

/** A running service with its outbox worker, if any. */
export interface ServeHandle {
  service: RunningService;
  stop(): Promise<void>;
}

/** Starts the service (and the outbox worker when SMTP is configured); prints where to reach it. */
export async function runServe(raw: unknown, say: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<ServeHandle> {
  const o = parseOptions(optionsSchema, raw);
  const secret = serviceSecret(o.store);
  const publicUrl = (o.publicUrl ?? `http://localhost:${o.port}`).replace(/\/$/, "");
  let service: RunningService;
  try {
    service = await startService({
      store: o.store,
      host: o.host,
      port: o.port,
      settings: {
        secret,
        publicUrl,
        corsOrigins: corsOrigins(),
        limits: { anonymous: o.anonymousLimit, keyed: o.keyedLimit, followup: o.followupLimit },
        distDir: o.dist,
        previewDir: o.preview,
      },
    });
  } catch (error) {
    if ((error as { code?: string }).code === "EADDRINUSE")
      throw new CliError(`Le port ${o.port} est déjà utilisé.`, EXIT.usage, "Choisissez-en un autre avec --port.");
    throw error;
  }
  const local = `http://localhost:${service.port}`;
  if (existsSync(path.join(o.dist, "index.html"))) say(`Tableau de bord disponible sur ${local} (Ctrl+C pour arrêter)`);
  else say(`Tableau de bord non construit (${path.basename(o.dist)}/ absent) : lancez « signalements dashboard build »`);
  say(`API Open311 : ${local}/open311/v2 (services.json, requests.json)`);
  say(`Écoute sur ${service.url}`);
  let worker: OutboxWorker | null = null;
  const smtpUrl = process.env.SIGNALEMENTS_SMTP_URL;
  if (smtpUrl) {
    worker = new OutboxWorker(service.ctx.repo.db, {
      smtpUrl,
      from: process.env.SIGNALEMENTS_MAIL_FROM ?? "Signalements <ne-pas-repondre@signalements.example.fr>",
      secret,
      publicUrl,
      backoffMs: 30_000,
      maxBackoffMs: 3_600_000,
      maxAttempts: 20,
      pollMs: 2_000,
    });
    worker.start();
    say("Envoi des courriels : actif (SIGNALEMENTS_SMTP_URL)");
  } else {
    say("Envoi des courriels : inactif (SIGNALEMENTS_SMTP_URL absent) ; les messages restent dans la file d'envoi");
  }
  if (o.stats) {
    // SIGUSR2 prints the counters on demand (bench:intake reads them before and after its load).
    const print = () => say(statsLine(service));
    process.on("SIGUSR2", print);
    say("Statistiques : SIGUSR2 et arrêt (--stats)");
  }
  return {
    service,
    stop: async () => {
      if (o.stats) say(statsLine(service));
      await worker?.stop();
      await service.close();
    },
  };
}

/** Action of `serve`: starts the service and stops it on SIGINT or SIGTERM. */
export async function serveAction(raw: unknown): Promise<void> {
  const handle = await runServe(raw);
  const shutdown = () => {
    handle.stop().then(() => process.exit(0));
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}
