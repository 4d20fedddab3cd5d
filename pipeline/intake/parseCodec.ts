/**
 * How a group of parsed items crosses from the parse worker to the writing thread: as JSON text, each
 * back-office event still to check (the bulk of the largest export) as a flat array rather than an object.
 * Structured cloning writes every property name of every object, and reading millions of them back costs
 * the writing thread more than the parsing it was spared; JSON.parse of flat arrays costs a fraction.
 */
import type { StatusEvent } from "../../schemas/report.ts";
import type { ParsedItem } from "./ingest.ts";

/** A back-office event as a flat array: line, raw, warnings, then the event's columns after `source`. */
type EventTuple = [
  number,
  string,
  string[],
  string,
  string,
  StatusEvent["origin_channel"],
  string,
  StatusEvent["event_type"],
  string,
  string | null,
  string | null,
  string | null,
  string | null,
  StatusEvent["complaint_reason"],
  string | null,
];

/** Encodes a group of items as JSON text. */
export function encodeItems(items: readonly ParsedItem[]): string {
  const out: unknown[] = [];
  for (const one of items) {
    const e = "unchecked" in one && one.unchecked.ok ? one.unchecked.event : undefined;
    if (e === undefined || e.source !== "backoffice" || !("unchecked" in one) || !one.unchecked.ok) {
      out.push(one);
      continue;
    }
    const tuple: EventTuple = [
      one.line,
      one.raw,
      one.unchecked.warnings,
      e.source_key,
      e.reference,
      e.origin_channel,
      e.origin_ref,
      e.event_type,
      e.occurred_at,
      e.service_code,
      e.agent,
      e.resolution_code,
      e.planned_date,
      e.complaint_reason,
      e.comment,
    ];
    out.push(tuple);
  }
  return JSON.stringify(out);
}

/** Decodes what `encodeItems` wrote, item for item. */
export function decodeItems(text: string): ParsedItem[] {
  const parsed = JSON.parse(text) as (ParsedItem | EventTuple)[];
  for (let i = 0; i < parsed.length; i += 1) {
    const x = parsed[i] as ParsedItem | EventTuple;
    if (!Array.isArray(x)) continue;
    const [line, raw, warnings, source_key, reference, origin_channel, origin_ref, event_type, occurred_at] = x;
    const [service_code, agent, resolution_code, planned_date, complaint_reason, comment] = x.slice(9) as [
      string | null,
      string | null,
      string | null,
      string | null,
      StatusEvent["complaint_reason"],
      string | null,
    ];
    parsed[i] = {
      line,
      raw,
      unchecked: {
        ok: true,
        warnings,
        event: {
          source: "backoffice",
          source_key,
          reference,
          origin_channel,
          origin_ref,
          event_type,
          occurred_at,
          service_code,
          agent,
          resolution_code,
          planned_date,
          complaint_reason,
          comment,
        },
      },
    };
  }
  return parsed as ParsedItem[];
}
