/** The demo's fictitious decisions, recorded in an ignored runtime log (the city's own log stays untouched). */
import path from "node:path";
import { appendDecision, readDecisionLog, resolveStatuses } from "./decisions.ts";
import { type IndicatorDefinition, indicatorRegistry } from "./registry.ts";

/** The indicator the demo withholds, to show the mechanism. */
export const DEMO_WITHHELD = "usage_categories";
/** Who decides in the demo, and the reference of the (fictitious) decision. */
export const DEMO_DECIDER = { par: "Conseil municipal (démonstration)", ref: "Démonstration — décision fictive" };

/** The demo's decision log under the data folder. */
export const demoDecisionsFile = (dataDir: string): string => path.join(dataDir, "runtime", "decisions-demo.jsonl");

/**
 * Decides every indicator still pending (no decision, or a definition changed since): all approved but
 * DEMO_WITHHELD; returns how many decisions were appended.
 */
export function recordDemoDecisions(file: string, now: Date, definitions: IndicatorDefinition[] = indicatorRegistry()): number {
  const pending = resolveStatuses(definitions, readDecisionLog(file)).filter((s) => s.statut === "pending");
  for (const s of pending) {
    const withheld = s.definition.id === DEMO_WITHHELD;
    appendDecision(
      file,
      {
        indicateur: s.definition.id,
        decision: withheld ? "retenu" : "approuve",
        ...DEMO_DECIDER,
        motif: withheld ? "Démonstration : indicateur retenu pour montrer qu'il disparaît de la publication publique." : null,
        empreinte: s.definition.fingerprint,
      },
      now,
    );
  }
  return pending.length;
}
