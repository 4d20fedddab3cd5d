/** Agent API under `/agent/v1`: status events on a report, by role, with idempotency keys. */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { type AgentEvent, agentEventSchema } from "../../schemas/service.ts";
import { toUtcInstant } from "../core/time.ts";
import type { ServiceContext } from "./context.ts";
import { fail, keyOwner, parseOr400, requireRole } from "./http.ts";
import { ACTION_EVENT, refusal, STAGE_LABELS, stageOf } from "./lifecycle.ts";
import type { NewEvent } from "./repo.ts";
import { sha256 } from "./secrets.ts";

/** Base path of the agent API. */
export const AGENT_BASE = "/agent/v1";

const STAFF = ["agent", "district_director", "admin"] as const;

/** The event an action writes (the agent column holds the key's label: a team, never logged). */
function toEvent(body: AgentEvent, label: string, at: string): NewEvent {
  return {
    event_type: ACTION_EVENT[body.action],
    occurred_at: at,
    service_code: body.action === "route" || body.action === "reroute" ? body.service_code : null,
    agent: label,
    resolution_code: body.action === "close" ? body.resolution_code : null,
    planned_date: body.action === "schedule" ? body.planned_date : null,
    complaint_reason: null,
    comment: body.comment ?? null,
    public_note: body.action === "close" ? body.public_note : null,
  };
}

/** Registers the agent routes. */
export function registerAgent(app: FastifyInstance, ctx: ServiceContext): void {
  const services = new Set(ctx.ref.services.services.map((s) => s.code));
  const rateLimit = {
    max: ctx.settings.limits.keyed,
    timeWindow: 60_000,
    keyGenerator: (req: FastifyRequest) => {
      const owner = keyOwner(ctx, req);
      return owner ? `key:${owner.key_id}` : `ip:${req.ip}`;
    },
  };

  app.get<{ Params: { ticket: string } }>(`${AGENT_BASE}/requests/:ticket`, { config: { rateLimit } }, async (req, reply) => {
    if (!requireRole(ctx, req, reply, STAFF)) return reply;
    const state = ctx.repo.state(req.params.ticket);
    if (!state) return fail(reply, 404, "signalement introuvable");
    return {
      report: ctx.repo.fullReport(req.params.ticket),
      stage: state.stage,
      status_description: STAGE_LABELS[state.stage],
      service_code: state.service,
      events: state.events,
    };
  });

  app.post<{ Params: { ticket: string } }>(`${AGENT_BASE}/requests/:ticket/events`, { config: { rateLimit } }, async (req, reply) => {
    const owner = requireRole(ctx, req, reply, STAFF);
    if (!owner) return reply;
    const body = parseOr400(agentEventSchema, req.body, reply);
    if (!body) return reply;
    if ((body.action === "route" || body.action === "reroute") && !services.has(body.service_code))
      return fail(reply, 400, "service_code : service inconnu du registre des services");
    const clientKey = req.headers["idempotency-key"];
    if (clientKey !== undefined && (typeof clientKey !== "string" || clientKey.length < 8 || clientKey.length > 200))
      return fail(reply, 400, "Idempotency-Key : entre 8 et 200 caractères");
    const keyHash = clientKey ? sha256(`event|key:${owner.key_id}|${clientKey}`) : null;
    const at = toUtcInstant(ctx.now().getTime());
    const result = await ctx.repo.append(
      req.params.ticket,
      keyHash,
      (state) => {
        if (owner.role === "district_director" && owner.district_code !== state.row.district_code)
          return { status: 403, reason: "signalement hors du quartier de cette direction de territoire" };
        const refused = refusal(state.stage, body.action, owner.role);
        if (refused) return refused;
        if (body.action === "reroute" && body.service_code === state.service)
          return { status: 409, reason: "signalement déjà affecté à ce service" };
        return null;
      },
      [toEvent(body, owner.label, at)],
      at,
    );
    if (!result.ok) return fail(reply, result.status, result.reason);
    const state = ctx.repo.state(req.params.ticket);
    const stage = stageOf(state?.events.map((e) => e.event_type) ?? []);
    if (result.replayed) reply.header("idempotent-replayed", "true");
    return reply.code(201).send({ event_id: result.eventIds[0] ?? null, stage, status_description: STAGE_LABELS[stage] });
  });
}
