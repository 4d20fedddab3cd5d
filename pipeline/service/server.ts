/**
 * The intake service: one Fastify process serving Open311, the agent API, resident follow-up and the
 * built dashboard. No request logging (URLs carry follow-up tokens, bodies carry personal data).
 */
import { existsSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import cors from "@fastify/cors";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import type Database from "better-sqlite3";
import Fastify, { type FastifyError, type FastifyInstance } from "fastify";
import { createLocator } from "../core/districts.ts";
import { createClassifier } from "../intake/classify.ts";
import { openStore } from "../intake/db.ts";
import { loadReference } from "../reference.ts";
import { registerAgent } from "./agent.ts";
import { Checkpointer } from "./checkpointer.ts";
import type { ServiceContext, ServiceSettings } from "./context.ts";
import { registerFollowup } from "./followup.ts";
import { fail } from "./http.ts";
import { OPEN311_BASE, registerOpen311 } from "./open311.ts";
import { ServiceRepo } from "./repo.ts";
import { type Flush, WalSync } from "./walSync.ts";

/** Largest accepted body: a report is a few kilobytes of text; photos go by URL. */
export const BODY_LIMIT = 64 * 1024;

/** French descriptions of the framework's own errors (never the input that caused them). */
function describe(error: FastifyError): { code: number; description: string } {
  const code = error.statusCode ?? 500;
  if (code === 413) return { code, description: "corps de requête trop volumineux (64 Kio au plus)" };
  if (code === 415) return { code, description: "type de contenu non pris en charge (JSON ou formulaire)" };
  if (code === 429) return { code, description: "trop de requêtes : réessayez dans une minute" };
  if (code === 404) return { code, description: "ressource introuvable" };
  if (code === 503) return { code, description: "enregistrement momentanément impossible : réessayez plus tard" };
  if (code >= 400 && code < 500) return { code, description: "requête illisible (JSON ou formulaire invalide)" };
  return { code: 500, description: "erreur interne du service" };
}

/** Builds the app on an open context (tests pass their own clock and settings). */
export async function buildApp(ctx: ServiceContext): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT, trustProxy: false });
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: BODY_LIMIT }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  // The dashboard's pages run inline module scripts: its CSP is left to the static build; API answers are JSON.
  await app.register(helmet, { contentSecurityPolicy: false, crossOriginEmbedderPolicy: false });
  await app.register(cors, { origin: ctx.settings.corsOrigins.length > 0 ? ctx.settings.corsOrigins : false });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) => Object.assign(new Error("rate limited"), { statusCode: context.statusCode }),
  });
  app.setErrorHandler((error: FastifyError, _req, reply) => {
    const { code, description } = describe(error);
    if (code === 500) process.stderr.write(`erreur interne : ${error.name}${error.code ? ` ${error.code}` : ""}\n`);
    return fail(reply, code, description);
  });
  registerOpen311(app, ctx);
  registerAgent(app, ctx);
  registerFollowup(app, ctx);
  if (ctx.settings.previewDir && existsSync(ctx.settings.previewDir))
    await app.register(fastifyStatic, {
      root: path.resolve(ctx.settings.previewDir),
      prefix: "/apercu/",
      decorateReply: false,
      extensions: ["html"],
    });
  if (ctx.settings.distDir && existsSync(ctx.settings.distDir))
    await app.register(fastifyStatic, {
      root: path.resolve(ctx.settings.distDir),
      prefix: "/",
      decorateReply: false,
      extensions: ["html"],
    });
  const notFoundPage = ctx.settings.distDir ? path.join(ctx.settings.distDir, "404.html") : null;
  app.setNotFoundHandler((req, reply) => {
    const api = /^\/(open311|agent|suivi)\//.test(req.url);
    if (!api && req.method === "GET" && notFoundPage && existsSync(notFoundPage))
      return reply.code(404).type("text/html; charset=utf-8").send(readFileSync(notFoundPage));
    return fail(reply, 404, "ressource introuvable");
  });
  return app;
}

/**
 * The service's own settings on its connection: WAL commits without SQLite's fsync, made durable by
 * the WalSync (see walSync.ts for why that is as safe as FULL for acknowledged writes).
 */
function openServiceStore(file: string, flush?: Flush): { db: Database.Database; wal: WalSync } {
  const db = openStore(file);
  db.pragma("synchronous = NORMAL");
  // Checkpoints run on the checkpoint worker's own connection, never in a request's commit.
  db.pragma("wal_autocheckpoint = 0");
  // The `-wal` file exists once the connection has read the database in WAL mode.
  db.prepare("select count(*) from sqlite_master").get();
  const wal = new WalSync(`${db.name}-wal`, flush, (error) => {
    process.stderr.write(`erreur grave : ${error.message}\n`);
  });
  return { db, wal };
}

/** A running service. */
export interface RunningService {
  url: string;
  port: number;
  open311: string;
  ctx: ServiceContext;
  /** Counters for diagnosis: WAL syncs and checkpoints (the committer has its own). */
  diagnostics(): { syncs: number; checkpoints: number };
  close(): Promise<void>;
}

/** Opens the store, builds the app and listens (port 0 picks a free port). */
export async function startService(options: {
  store: string;
  host: string;
  port: number;
  settings: ServiceSettings;
  now?: () => Date;
  /** Replaces `fs.fdatasync` of the WAL (tests simulate a failing disk). */
  flush?: Flush;
}): Promise<RunningService> {
  const { db, wal } = openServiceStore(options.store, options.flush);
  const checkpointer = new Checkpointer(db.name);
  const ref = loadReference();
  const ctx: ServiceContext = {
    repo: new ServiceRepo(db, ref, wal),
    ref,
    classifier: createClassifier(ref.taxonomy, ref.districts),
    locator: createLocator(ref.districts, ref.communes),
    settings: options.settings,
    now: options.now ?? (() => new Date()),
  };
  const app = await buildApp(ctx);
  await app.listen({ host: options.host, port: options.port });
  const port = (app.server.address() as AddressInfo).port;
  const url = `http://${options.host}:${port}`;
  return {
    url,
    port,
    open311: `${url}${OPEN311_BASE}`,
    ctx,
    diagnostics: () => ({ syncs: wal.syncs, checkpoints: checkpointer.stats().checkpoints }),
    close: async () => {
      await app.close();
      await wal.close();
      await checkpointer.close();
      db.close();
    },
  };
}
