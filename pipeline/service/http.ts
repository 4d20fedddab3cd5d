/** Shared HTTP pieces of the intake service: Open311 errors, body parsing with zod, API key look-up. */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { ZodType } from "zod";
import type { ServiceContext } from "./context.ts";
import type { Role } from "./lifecycle.ts";
import { findKey, type KeyOwner } from "./secrets.ts";

/** Sends an error in the Open311 format: `[{"code": 400, "description": "…"}]` (French, never echoing input values). */
export function fail(reply: FastifyReply, code: number, description: string): FastifyReply {
  return reply.code(code).type("application/json; charset=utf-8").send([{ code, description }]);
}

/** Parses a body or query with zod; on failure sends a 400 naming the fields, and returns null. */
export function parseOr400<T>(schema: ZodType<T>, input: unknown, reply: FastifyReply): T | null {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues
    .slice(0, 5)
    .map((i) => (i.path.length > 0 ? `${i.path.map(String).join(".")} : ${i.message}` : i.message));
  fail(reply, 400, issues.join(" ; "));
  return null;
}

/** The API key sent with a request: `X-Api-Key`, `Authorization: Bearer`, or Open311's `api_key` (body or query). */
export function presentedKey(req: FastifyRequest): string | null {
  const header = req.headers["x-api-key"];
  if (typeof header === "string" && header !== "") return header;
  const auth = req.headers.authorization;
  if (typeof auth === "string" && auth.startsWith("Bearer ")) return auth.slice(7).trim();
  for (const source of [req.body, req.query]) {
    const key = (source as { api_key?: unknown } | null | undefined)?.api_key;
    if (typeof key === "string" && key !== "") return key;
  }
  return null;
}

/** The key's owner, looked up once per request and remembered on it. */
export function keyOwner(ctx: ServiceContext, req: FastifyRequest): KeyOwner | null {
  const memo = req as FastifyRequest & { keyOwner?: KeyOwner | null };
  if (memo.keyOwner === undefined) {
    const key = presentedKey(req);
    memo.keyOwner = key ? findKey(ctx.repo.db, key) : null;
  }
  return memo.keyOwner;
}

/** Requires a valid key with one of `roles`; sends 401/403 and returns null otherwise. */
export function requireRole(ctx: ServiceContext, req: FastifyRequest, reply: FastifyReply, roles: readonly Role[]): KeyOwner | null {
  if (presentedKey(req) === null) {
    fail(reply, 401, "clé d'API manquante (en-tête X-Api-Key)");
    return null;
  }
  const owner = keyOwner(ctx, req);
  if (!owner) {
    fail(reply, 401, "clé d'API inconnue ou révoquée");
    return null;
  }
  if (!roles.includes(owner.role)) {
    fail(reply, 403, `rôle « ${owner.role} » insuffisant pour cette opération`);
    return null;
  }
  return owner;
}
