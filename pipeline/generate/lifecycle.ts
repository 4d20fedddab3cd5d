/**
 * The back-office life of one report: Création → Accusé de réception → Affectation →
 * [Réaffectation] → [Escalade direction de territoire] → [Programmation] → Début d'intervention →
 * Clôture → [Réclamation | Remerciement] → [Réouverture → Début d'intervention → Clôture].
 * Events at or after the end instant are cut, so recent reports stay open.
 */
import type { COMPLAINT_CODES, RESOLUTION_CODES } from "../../schemas/channels/backoffice.ts";
import type { Category } from "../../schemas/taxonomy.ts";
import { frenchDate, fromParis, parisHour, toParis } from "./paris-clock.ts";
import { drawWeighted, type Rng, weightTable } from "./prng.ts";
import { AGENT_NOTES } from "./vocabulary.ts";
import { type GenChannel, SERVICE_DELAYS, type World } from "./world.ts";

/** One row of the back-office export, before formatting. */
export interface BackofficeEvent {
  label: string;
  atMs: number;
  service: string;
  agent: string;
  code: string;
  /** Planned date `dd/mm/yyyy`, only on Programmation. */
  planned: string;
  comment: string;
}

/** What the lifecycle needs to know about the report. */
export interface LifecycleInput {
  channel: GenChannel;
  receivedMs: number;
  category: Category;
  district: string | null;
  /** Agent who took the call or read the mail, if any. */
  deskAgent: string;
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** Shares of the lifecycle (documented realism targets). */
export const RATES = { reroute: 0.08, escalate: 0.03, neverClosed: 0.025, complaint: 0.05, thanks: 0.08 } as const;

/** Share of closures (REPARE + SANS_SUITE) that can receive feedback, so rates apply per closed report. */
const ELIGIBLE = 0.83;

const resolutions = weightTable<(typeof RESOLUTION_CODES)[number]>([
  ["REPARE", 75],
  ["SANS_SUITE", 8],
  ["DOUBLON", 7],
  ["NON_COMPETENT", 4],
  ["TRANSMIS_TIERS", 6],
]);
const complaintReasons = weightTable<keyof typeof COMPLAINT_CODES>([
  ["TROP_LENT", 40],
  ["PARTIEL", 30],
  ["NON_FAIT", 30],
]);

const CREATION_DELAY: Record<GenChannel, [number, number]> = {
  web: [3 * MIN, 1],
  app: [2 * MIN, 1],
  phone: [4 * MIN, 0.4],
  email: [5 * HOUR, 1],
};

/** Planned intervention date: a working day a few days after scheduling, at 08:00 Paris. */
function plannedStart(rng: Rng, fromMs: number): number {
  let t = toParis(fromMs + Math.max(1, Math.round(rng.lognormal(5, 0.7))) * DAY);
  for (let guard = 0; guard < 3 && (t.weekday === 0 || t.weekday === 6); guard++) t = toParis(Date.UTC(t.year, t.month - 1, t.day + 1, 12));
  return fromParis(t.year, t.month, t.day, 8, rng.int(0, 59)) ?? fromMs + 5 * DAY;
}

/** Moves an agent's action into office hours (07:00–19:00 Paris, not on Sunday). */
function officeHours(rng: Rng, ms: number): number {
  const t = parisHour(ms);
  if (t.hour >= 7 && t.hour < 19 && t.weekday !== 0) return ms;
  const skip = (t.hour >= 19 ? 1 : 0) + (t.weekday === 0 || (t.weekday === 6 && t.hour >= 19) ? 1 : 0);
  const d = new Date(Date.UTC(t.year, t.month - 1, t.day + skip));
  return fromParis(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), 7 + rng.int(0, 2), rng.int(0, 59), rng.int(0, 59)) ?? ms;
}

/** Builds the events of one report, cut at endMs; times strictly increase by at least one second. */
export function lifecycle(rng: Rng, world: World, input: LifecycleInput, endMs: number, residentTail = ""): BackofficeEvent[] {
  const events: BackofficeEvent[] = [];
  let last = input.receivedMs;
  let service = input.category.default_service;
  const serviceAgent = () => rng.pick(world.serviceAgents.get(service) ?? world.dispatchAgents);
  const push = (label: string, atMs: number, fields: Partial<BackofficeEvent> = {}) => {
    const at = fields.agent ? officeHours(rng, atMs) : atMs;
    last = Math.max(Math.floor(at / 1000) * 1000, last + 1000);
    events.push({
      label,
      atMs: last,
      service: fields.service ?? "",
      agent: fields.agent ?? "",
      code: fields.code ?? "",
      planned: fields.planned ?? "",
      comment: fields.comment ?? "",
    });
  };
  const [creationMedian, creationSigma] = CREATION_DELAY[input.channel];
  const desk = input.channel === "web" || input.channel === "app" ? "" : input.deskAgent;
  push("Création", input.receivedMs + Math.min(rng.lognormal(creationMedian, creationSigma), 3 * DAY), { agent: desk });
  push("Accusé de réception", last + rng.lognormal(8 * MIN, 1), { agent: desk });
  push("Affectation", last + rng.lognormal(3 * HOUR, 1.2), { service, agent: rng.pick(world.dispatchAgents) });
  const delay = SERVICE_DELAYS[service] ?? { medianDays: 7, sigma: 1 };
  let closeAt = input.receivedMs + rng.lognormal(delay.medianDays * DAY, delay.sigma);
  if (rng.chance(RATES.reroute)) {
    const from = service;
    service = rng.pick(world.services.filter((s) => s !== from));
    push("Réaffectation", last + rng.lognormal(DAY, 1), {
      service,
      agent: rng.pick(world.dispatchAgents),
      comment: `Pas de notre ressort, renvoyé vers ${service}`,
    });
    closeAt += rng.lognormal(3 * DAY, 0.6);
  }
  if (rng.chance(RATES.escalate)) {
    const director = (input.district && world.directors.get(input.district)) || "Direction de territoire";
    push("Escalade direction de territoire", last + rng.lognormal(3 * DAY, 0.6), {
      service,
      agent: rng.pick(world.dispatchAgents),
      comment: `Escaladé à : ${director}`,
    });
    closeAt += rng.lognormal(4 * DAY, 0.6);
  }
  const scheduled = input.category.privacy_class === "public_asset" ? rng.chance(0.55) : rng.chance(0.08);
  let startAt = last + (closeAt - last) * (0.5 + 0.4 * rng.next());
  if (scheduled) {
    push("Programmation", last + rng.lognormal(8 * HOUR, 1), { service, agent: serviceAgent() });
    startAt = plannedStart(rng, last);
    (events[events.length - 1] as BackofficeEvent).planned = plannedDateText(startAt);
    closeAt = startAt + rng.lognormal(3 * HOUR, 0.8);
  }
  if (rng.chance(RATES.neverClosed)) return cut(events, endMs);
  push("Début d'intervention", startAt, { service, agent: serviceAgent() });
  const resolution = drawWeighted(rng, resolutions);
  push("Clôture", Math.max(closeAt, last + 20 * MIN), { service, agent: serviceAgent(), code: resolution, comment: note(rng, resolution) });
  if (resolution === "REPARE" || resolution === "SANS_SUITE") feedback(rng, input, residentTail, service, serviceAgent, push, () => last);
  return cut(events, endMs);
}

function feedback(
  rng: Rng,
  input: LifecycleInput,
  residentTail: string,
  service: string,
  serviceAgent: () => string,
  push: (label: string, atMs: number, fields?: Partial<BackofficeEvent>) => void,
  last: () => number,
): void {
  const u = rng.next();
  const recorder = input.deskAgent || serviceAgent();
  if (u < RATES.complaint / ELIGIBLE) {
    const reason = drawWeighted(rng, complaintReasons);
    push("Réclamation", last() + rng.lognormal(2 * DAY, 0.8), {
      service,
      agent: recorder,
      code: reason,
      comment: `Rien n'a changé, je suis mécontent.${residentTail}`,
    });
    if (reason === "TROP_LENT") return;
    push("Réouverture", last() + rng.lognormal(6 * HOUR, 0.8), { service, agent: serviceAgent() });
    push("Début d'intervention", last() + rng.lognormal(3 * DAY, 0.6), { service, agent: serviceAgent() });
    push("Clôture", last() + rng.lognormal(4 * HOUR, 0.6), {
      service,
      agent: serviceAgent(),
      code: "REPARE",
      comment: "Reprise effectuée",
    });
  } else if (u < (RATES.complaint + RATES.thanks) / ELIGIBLE) {
    push("Remerciement", last() + rng.lognormal(DAY, 0.8), {
      service,
      agent: recorder,
      comment: `Merci pour la rapidité !${residentTail}`,
    });
  }
}

function note(rng: Rng, resolution: string): string {
  if (resolution !== "REPARE") return resolution === "DOUBLON" ? "Doublon d'un signalement existant" : "Clôturé ; voir dossier";
  const base = rng.pick(AGENT_NOTES);
  return rng.chance(0.05) ? `${base}\nÀ revoir dans un mois` : base;
}

function plannedDateText(epochMs: number): string {
  return frenchDate(epochMs);
}

function cut(events: BackofficeEvent[], endMs: number): BackofficeEvent[] {
  const kept = events.findIndex((e) => e.atMs >= endMs);
  return kept === -1 ? events : events.slice(0, kept);
}
