/** The report lifecycle as a pure state machine: the stage from the event log, the allowed actions, French labels. */
import type { EventType } from "../../schemas/report.ts";

/** Actions of the agent API, each writing one status event. */
export const AGENT_ACTIONS = ["acknowledge", "route", "reroute", "escalate", "schedule", "start", "close", "reopen"] as const;
export type AgentAction = (typeof AGENT_ACTIONS)[number];

/** Roles of API keys; `channel` only submits requests. */
export const ROLES = ["channel", "agent", "district_director", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** The event each action writes. */
export const ACTION_EVENT: Record<AgentAction, EventType> = {
  acknowledge: "acknowledged",
  route: "routed",
  reroute: "rerouted",
  escalate: "escalated",
  schedule: "scheduled",
  start: "in_progress",
  close: "closed",
  reopen: "reopened",
};

/** The stage of a report: the last lifecycle event (feedback events do not move it, except a complaint which reopens). */
export type Stage = Exclude<EventType, "complaint" | "thanks">;

/** Which actions each stage allows. */
const ALLOWED: Record<Stage, readonly AgentAction[]> = {
  received: ["acknowledge"],
  acknowledged: ["route", "escalate"],
  routed: ["reroute", "escalate", "schedule", "start", "close"],
  rerouted: ["reroute", "escalate", "schedule", "start", "close"],
  escalated: ["reroute", "schedule", "start", "close"],
  scheduled: ["reroute", "escalate", "schedule", "start", "close"],
  in_progress: ["escalate", "schedule", "close"],
  closed: ["reopen"],
  reopened: ["reroute", "escalate", "schedule", "start", "close"],
};

/** Which roles may take each action: reopening, and acting on an escalated report, belong to the district director. */
const ROLE_ACTIONS: Record<Role, readonly AgentAction[]> = {
  channel: [],
  agent: ["acknowledge", "route", "reroute", "escalate", "schedule", "start", "close"],
  district_director: AGENT_ACTIONS,
  admin: AGENT_ACTIONS,
};

/** French stage labels, as residents read them (Open311 `status_description`, follow-up page, e-mails). */
export const STAGE_LABELS: Record<EventType, string> = {
  received: "Reçu",
  acknowledged: "Pris en compte",
  routed: "Transmis au service compétent",
  rerouted: "Transmis à un autre service",
  escalated: "Transmis à la direction de territoire",
  scheduled: "Intervention programmée",
  in_progress: "Intervention en cours",
  closed: "Clôturé",
  reopened: "Rouvert",
  complaint: "Réclamation de l'habitant",
  thanks: "Remerciement de l'habitant",
};

/** French labels of the closure codes. */
export const RESOLUTION_LABELS: Record<string, string> = {
  REPARE: "Réparé ou traité",
  NON_COMPETENT: "Hors de la compétence de la ville",
  DOUBLON: "Déjà signalé (doublon)",
  SANS_SUITE: "Classé sans suite",
  TRANSMIS_TIERS: "Transmis à un autre organisme",
};

/** French labels of complaint reasons. */
export const COMPLAINT_LABELS: Record<string, string> = {
  trop_lent: "trop lent",
  partiel: "traité en partie seulement",
  non_fait: "pas traité",
};

/** The stage after a sequence of event types in log order; `received` when the log is empty. */
export function stageOf(events: readonly EventType[]): Stage {
  let stage: Stage = "received";
  for (const e of events) {
    if (e === "thanks") continue;
    stage = e === "complaint" ? "reopened" : e;
  }
  return stage;
}

/** Why an action is refused (French, for the API caller) with its HTTP status, or null when it is allowed. */
export function refusal(stage: Stage, action: AgentAction, role: Role): { status: 403 | 409; reason: string } | null {
  if (!ROLE_ACTIONS[role].includes(action)) return { status: 403, reason: `action « ${action} » non autorisée pour le rôle « ${role} »` };
  if (stage === "escalated" && role === "agent")
    return { status: 403, reason: "signalement escaladé : seule la direction de territoire ou un administrateur peut agir" };
  if (!ALLOWED[stage].includes(action)) {
    const next = ALLOWED[stage].join(", ");
    return { status: 409, reason: `action « ${action} » impossible à l'étape « ${STAGE_LABELS[stage]} » (actions possibles : ${next})` };
  }
  return null;
}

/** Open311 status: closed only at the closed stage. */
export function open311Status(stage: Stage): "open" | "closed" {
  return stage === "closed" ? "closed" : "open";
}
