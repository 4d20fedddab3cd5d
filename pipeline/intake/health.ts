/** Pure channel-health assessment: per source, last record, volumes over 7 and 30 days, silence flag. */
import { INGEST_SOURCES } from "./records.ts";

/** What the store says about one source. */
export interface HealthRow {
  source: string;
  last_at: string | null;
  n_7d: number;
  n_30d: number;
}

/** One source's health, ready to print. */
export interface SourceHealth extends HealthRow {
  /** True when nothing arrived for more than `silentDays` days (or ever). */
  silent: boolean;
}

const DAY_MS = 86_400_000;

/** The UTC cut-off instants `days` before `nowMs`. */
export function since(nowMs: number, days: number): string {
  return `${new Date(nowMs - days * DAY_MS).toISOString().slice(0, 19)}Z`;
}

/** Every known source, present or not in the store, with its silence flag. */
export function assessHealth(rows: HealthRow[], nowMs: number, silentDays = 7): SourceHealth[] {
  const bySource = new Map(rows.map((r) => [r.source, r]));
  const cutoff = since(nowMs, silentDays);
  return INGEST_SOURCES.map((source) => {
    const row = bySource.get(source) ?? { source, last_at: null, n_7d: 0, n_30d: 0 };
    return { ...row, silent: row.last_at === null || row.last_at < cutoff };
  });
}
