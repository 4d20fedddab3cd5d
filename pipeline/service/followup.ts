/**
 * Resident follow-up under `/suivi/{ticket}`: with the secret token of the acknowledgement, the service
 * in charge and its public contact, every stage with dates, the planned date and the resolution note;
 * after closure, a complaint (reopens the report) or thanks. Without the right token: nothing.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { feedbackSchema } from "../../schemas/service.ts";
import { toUtcInstant } from "../core/time.ts";
import type { ServiceContext } from "./context.ts";
import { renderFollowupPage } from "./followupPage.ts";
import { fail, parseOr400 } from "./http.ts";
import { open311Status, STAGE_LABELS } from "./lifecycle.ts";
import type { ReportState } from "./repo.ts";
import { sameHash, sha256 } from "./secrets.ts";

const NOT_FOUND = "signalement introuvable ou code de suivi incorrect";

/** The follow-up view of a report (only ever sent to the holder of its token). */
export function followupView(ctx: ServiceContext, s: ReportState) {
  const escalated = s.events.some((e) => e.event_type === "escalated") && s.stage === "escalated";
  const contact = ctx.repo.contact(s.service, escalated ? s.row.district_code : null);
  const category = ctx.ref.taxonomy.categories.find((c) => c.code === s.row.category_code);
  const closure = [...s.events].reverse().find((e) => e.event_type === "closed");
  return {
    ticket: s.row.source_id,
    categorie: category?.label ?? s.row.category_code,
    statut: open311Status(s.stage),
    etape: STAGE_LABELS[s.stage],
    service: contact,
    date_prevue: s.plannedDate,
    resolution: closure ? { code: closure.resolution_code, note: closure.public_note, date: closure.occurred_at } : null,
    etapes: [...s.events.map((e) => ({ etape: STAGE_LABELS[e.event_type], date: e.occurred_at, motif: e.complaint_reason }))],
    retour_possible: s.stage === "closed",
  };
}

/** The token from the query (`?jeton=`), the body (`jeton`) or the `X-Jeton-Suivi` header. */
function presentedToken(req: FastifyRequest): string | null {
  const header = req.headers["x-jeton-suivi"];
  if (typeof header === "string" && header !== "") return header;
  for (const source of [req.query, req.body]) {
    const token = (source as { jeton?: unknown } | null | undefined)?.jeton;
    if (typeof token === "string" && token !== "") return token;
  }
  return null;
}

/** The report when the token matches, else null (the same answer for an unknown ticket and a wrong token). */
function authorised(ctx: ServiceContext, ticket: string, req: FastifyRequest): ReportState | null {
  const token = presentedToken(req);
  if (token === null || token.length > 200) return null;
  const state = ctx.repo.state(ticket);
  if (!state || !sameHash(sha256(token), state.row.token_hash)) return null;
  return state;
}

function noStore(reply: FastifyReply): FastifyReply {
  return reply.header("cache-control", "no-store").header("referrer-policy", "no-referrer");
}

/** Registers the follow-up routes. */
export function registerFollowup(app: FastifyInstance, ctx: ServiceContext): void {
  const rateLimit = { max: ctx.settings.limits.followup, timeWindow: 60_000 };

  app.get<{ Params: { ticket: string } }>("/suivi/:ticket", { config: { rateLimit } }, async (req, reply) => {
    noStore(reply);
    const json = req.params.ticket.endsWith(".json");
    const ticket = req.params.ticket.replace(/\.json$/, "");
    const state = authorised(ctx, ticket, req);
    if (json) return state ? followupView(ctx, state) : fail(reply, 404, NOT_FOUND);
    const token = presentedToken(req) ?? "";
    reply.header(
      "content-security-policy",
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    );
    reply.type("text/html; charset=utf-8");
    if (!state) return reply.code(404).send(renderFollowupPage(null, token));
    return renderFollowupPage(followupView(ctx, state), token);
  });

  app.post<{ Params: { ticket: string } }>("/suivi/:ticket/retour", { config: { rateLimit } }, async (req, reply) => {
    noStore(reply);
    const state = authorised(ctx, req.params.ticket, req);
    if (!state) return fail(reply, 404, NOT_FOUND);
    const body = parseOr400(feedbackSchema, req.body, reply);
    if (!body) return reply;
    const at = toUtcInstant(ctx.now().getTime());
    const base = { occurred_at: at, service_code: null, agent: null, resolution_code: null, planned_date: null, public_note: null };
    const comment = body.commentaire ?? null;
    const events =
      body.type === "reclamation"
        ? [
            { ...base, event_type: "complaint" as const, complaint_reason: body.motif, comment },
            { ...base, event_type: "reopened" as const, complaint_reason: null, comment: null },
          ]
        : [{ ...base, event_type: "thanks" as const, complaint_reason: null, comment }];
    const result = await ctx.repo.append(
      state.row.source_id,
      null,
      (s) => (s.stage === "closed" ? null : { status: 409, reason: "un retour n'est possible qu'après la clôture du signalement" }),
      events,
      at,
    );
    if (!result.ok) return fail(reply, result.status, result.reason);
    const after = ctx.repo.state(state.row.source_id) as ReportState;
    const accepts = req.headers.accept ?? "";
    if (req.headers["content-type"]?.startsWith("application/x-www-form-urlencoded") && accepts.includes("text/html"))
      return reply
        .code(303)
        .header("location", `/suivi/${state.row.source_id}?jeton=${encodeURIComponent(presentedToken(req) ?? "")}`)
        .send();
    return reply.code(201).send(followupView(ctx, after));
  });
}
