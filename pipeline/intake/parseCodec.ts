/**
 * How a group of parsed items crosses from the parse worker to the writing thread: as JSON text, each
 * back-office event still to check (the bulk of the largest export) as a flat array rather than an object.
 * Structured cloning writes every property name of every object, and reading millions of them back costs
 * the writing thread more than the parsing it was spared; JSON.parse of flat arrays costs a fraction.
 */
import type { ParsedItem } from "./ingest.ts";
import { eventFromRow, eventRow, MAX_RAW_CHARS, truncateRaw } from "./store.ts";

/** A back-office event as a flat array: line, raw, warnings, then its columns as stored (`eventRow`). */
type EventTuple = [number, string, string[], ...unknown[]];

/** Encodes a group of items as JSON text. */
export function encodeItems(items: readonly ParsedItem[]): string {
  const out: unknown[] = [];
  for (const one of items) {
    if ("unchecked" in one && one.unchecked.ok && one.unchecked.event?.source === "backoffice") {
      const tuple: EventTuple = [one.line, truncateRaw(one.raw), one.unchecked.warnings, ...eventRow(one.unchecked.event)];
      out.push(tuple);
    } else out.push(one.raw.length > MAX_RAW_CHARS ? { ...one, raw: truncateRaw(one.raw) } : one);
  }
  return JSON.stringify(out);
}

/** Decodes what `encodeItems` wrote, item for item. */
export function decodeItems(text: string): ParsedItem[] {
  const parsed = JSON.parse(text) as (ParsedItem | EventTuple)[];
  for (let i = 0; i < parsed.length; i += 1) {
    const x = parsed[i] as ParsedItem | EventTuple;
    if (!Array.isArray(x)) continue;
    const [line, raw, warnings, ...row] = x;
    parsed[i] = { line, raw, unchecked: { ok: true, warnings, event: eventFromRow(row) } };
  }
  return parsed as ParsedItem[];
}
