/** Test helper: a resolved registry where every current definition is approved (no decision file needed). */
import type { IndicatorRegistry } from "../../schemas/published/config.ts";
import { type DecisionEntry, entryHash, GENESIS, resolveStatuses, toPublicationRegistry } from "./decisions.ts";
import { indicatorRegistry } from "./registry.ts";

/** Every indicator approved on its current definition by a test council on `at`. */
export function approvedRegistry(at = "2026-03-30T18:00:00.000Z"): IndicatorRegistry {
  const definitions = indicatorRegistry();
  const entries: DecisionEntry[] = [];
  for (const d of definitions) {
    const body = {
      horodatage: at,
      indicateur: d.id,
      decision: "approuve" as const,
      par: "Conseil municipal (test)",
      ref: "TEST-2026-001",
      motif: null,
      empreinte: d.fingerprint,
      precedent: entries.at(-1)?.hash ?? GENESIS,
    };
    entries.push({ ...body, hash: entryHash(body) });
  }
  return toPublicationRegistry(resolveStatuses(definitions, entries));
}
