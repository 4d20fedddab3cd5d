/**
 * Open311 GeoReport v2 routes under `/open311/v2`. Public GETs carry no personal data: no description,
 * address, coordinates, names or notes; sensitive categories are never listed (DESIGN.md, anonymisation).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { open311PostSchema, open311QuerySchema } from "../../schemas/service.ts";
import { toUtcInstant } from "../core/time.ts";
import { normalizeOpen311Line } from "../intake/open311.ts";
import type { ServiceContext } from "./context.ts";
import { fail, keyOwner, parseOr400, presentedKey } from "./http.ts";
import { open311Status, STAGE_LABELS } from "./lifecycle.ts";
import { minuteCachedParisDate } from "./parisDay.ts";
import type { ReportState } from "./repo.ts";
import { followupToken, sha256 } from "./secrets.ts";

/** Base path of the Open311 API. */
export const OPEN311_BASE = "/open311/v2";

/** A report as the public sees it through Open311. */
export function publicRequest(ctx: ServiceContext, s: ReportState) {
  const category = ctx.ref.taxonomy.categories.find((c) => c.code === s.row.category_code);
  const service = ctx.ref.services.services.find((x) => x.code === s.service);
  const last = s.events[s.events.length - 1];
  return {
    service_request_id: s.row.source_id,
    status: open311Status(s.stage),
    status_description: STAGE_LABELS[s.stage],
    service_code: s.row.category_code,
    service_name: category?.label ?? s.row.category_code,
    agency_responsible: service?.label ?? null,
    requested_datetime: s.row.received_at,
    updated_datetime: last?.occurred_at ?? s.row.received_at,
    expected_datetime: s.plannedDate,
    quartier: s.row.district_code,
  };
}

/** Category codes never shown in public lists or look-ups. */
export function hiddenCategories(ctx: ServiceContext): string[] {
  return ctx.ref.taxonomy.categories.filter((c) => c.privacy_class === "sensitive").map((c) => c.code);
}

/** Registers the Open311 routes. */
export function registerOpen311(app: FastifyInstance, ctx: ServiceContext): void {
  const hidden = new Set(hiddenCategories(ctx));
  const known = new Map<string, string>();
  for (const c of ctx.ref.taxonomy.categories) for (const code of [c.code, ...c.open311_codes]) known.set(code, c.code);

  app.get(`${OPEN311_BASE}/services.json`, async () =>
    ctx.ref.taxonomy.categories.map((c) => ({
      service_code: c.code,
      service_name: c.label,
      description: c.label,
      metadata: false,
      type: "realtime",
      keywords: "",
      group: ctx.ref.taxonomy.groups.find((g) => g.code === c.group)?.label ?? c.group,
    })),
  );

  app.get<{ Params: { code: string } }>(`${OPEN311_BASE}/services/:code`, async (req, reply) => {
    const code = req.params.code.replace(/\.json$/, "");
    const category = ctx.ref.taxonomy.categories.find((c) => c.code === code);
    if (!category) return fail(reply, 404, "service inconnu");
    return { service_code: category.code, attributes: [] };
  });

  const parisDate = minuteCachedParisDate();
  app.post(`${OPEN311_BASE}/requests.json`, { config: { rateLimit: postLimit(ctx) } }, (req, reply) =>
    postRequest(ctx, known, parisDate, req, reply),
  );

  app.get(`${OPEN311_BASE}/requests.json`, async (req, reply) => {
    const q = parseOr400(open311QuerySchema, req.query, reply);
    if (!q) return reply;
    const category = q.service_code ? (known.get(q.service_code) ?? q.service_code) : null;
    const rows = ctx.repo.list(
      {
        category_code: category,
        status: q.status ?? null,
        start_date: q.start_date ? toUtcInstant(Date.parse(q.start_date)) : null,
        end_date: q.end_date ? toUtcInstant(Date.parse(q.end_date)) : null,
      },
      q.page_size,
      (q.page - 1) * q.page_size,
      [...hidden],
    );
    return rows.map((r) => publicRequest(ctx, ctx.repo.state(r.ticket) as ReportState));
  });

  app.get<{ Params: { id: string } }>(`${OPEN311_BASE}/requests/:id`, async (req, reply) => {
    const id = req.params.id.replace(/\.json$/, "");
    const state = ctx.repo.state(id);
    if (!state || hidden.has(state.row.category_code)) return fail(reply, 404, "demande introuvable ou non publique");
    return [publicRequest(ctx, state)];
  });
}

/** Anonymous POSTs are limited per address; trusted channels per key. */
function postLimit(ctx: ServiceContext) {
  return {
    max: (req: FastifyRequest) => (keyOwner(ctx, req) ? ctx.settings.limits.keyed : ctx.settings.limits.anonymous),
    keyGenerator: (req: FastifyRequest) => {
      const owner = keyOwner(ctx, req);
      return owner ? `key:${owner.key_id}` : `ip:${req.ip}`;
    },
    timeWindow: 60_000,
    // After parsing: Open311 clients send `api_key` in the body.
    hook: "preHandler" as const,
  };
}

async function postRequest(
  ctx: ServiceContext,
  known: Map<string, string>,
  parisDate: (epochMs: number) => string,
  req: FastifyRequest,
  reply: FastifyReply,
) {
  const body = parseOr400(open311PostSchema, req.body, reply);
  if (!body) return reply;
  let scope = `ip:${req.ip}`;
  if (presentedKey(req) !== null) {
    const owner = keyOwner(ctx, req);
    if (!owner) return fail(reply, 401, "api_key inconnue ou révoquée");
    if (owner.role !== "channel" && owner.role !== "admin") return fail(reply, 403, "cette clé ne permet pas de déposer des demandes");
    scope = `key:${owner.key_id}`;
  }
  if (!known.has(body.service_code)) return fail(reply, 400, "service_code : service inconnu (voir services.json)");
  const now = ctx.now();
  const { api_key: _omit, ...fields } = body;
  const outcome = normalizeOpen311Line(
    JSON.stringify({ ...fields, service_request_id: "pending", requested_datetime: body.requested_datetime ?? now.toISOString() }),
    { source: body.device, classifier: ctx.classifier, locator: ctx.locator, nowMs: now.getTime() + 60_000 },
  );
  if (!outcome.ok) return fail(reply, 400, outcome.field ? `${outcome.field} : ${outcome.reason}` : outcome.reason);
  const report = outcome.report;
  if (!report) return fail(reply, 400, "demande invalide");
  const clientKey = req.headers["idempotency-key"];
  if (clientKey !== undefined && (typeof clientKey !== "string" || clientKey.length < 8 || clientKey.length > 200))
    return fail(reply, 400, "Idempotency-Key : entre 8 et 200 caractères");
  // Without a client key, the same body from the same sender on the same day is one report (a retry, a double click).
  const derived = `request|${scope}|body|${parisDate(now.getTime())}|${JSON.stringify(fields)}`;
  const keyHash = sha256(clientKey ? `request|${scope}|key|${clientKey}` : derived);
  const { source_id: _pending, ...row } = report;
  const { ticket, created } = await ctx.repo.submit(
    row,
    keyHash,
    (t) => sha256(followupToken(ctx.settings.secret, t)),
    toUtcInstant(now.getTime()),
  );
  const token = followupToken(ctx.settings.secret, ticket);
  if (!created) reply.header("idempotent-replayed", "true");
  return reply.code(201).send([
    {
      service_request_id: ticket,
      service_notice: `Signalement n° ${ticket} bien reçu. Conservez votre code de suivi : il est le seul moyen de suivre votre demande.`,
      account_id: null,
      token,
      followup_url: `${ctx.settings.publicUrl}/suivi/${ticket}?jeton=${token}`,
    },
  ]);
}
