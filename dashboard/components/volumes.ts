/** Shapes the release table `volumes_mensuels` (month × channel × group × service × district) for the Accueil page. */
import { CHANNELS, channelLabel, formatInteger, formatMonth, formatPercent, notDisclosed, SECRET_THRESHOLD } from "./format.js";

/** One row of `volumes_mensuels.csv` as read from the release (every field a string). */
export type VolumeCsvRow = Record<string, string | undefined>;

/** One release row, typed: `count` is null when the cell is suppressed. */
export interface VolumeRow {
  month: string;
  channel: string;
  group: string;
  service: string;
  district: string;
  count: number | null;
}

/** Code of the margin rows (all channels, all services…). */
export const ALL = "ensemble";

/** A slice of the cube: one service (or `ensemble`), one district (or `ensemble`), optionally one month. */
export interface VolumeFilter {
  service: string;
  district: string;
  month?: string | null;
}

/** Published reports of one month and channel: the sum of disclosed cells and how many cells were suppressed. */
export interface MonthChannelVolume {
  month: string;
  channel: string;
  label: string;
  published: number;
  suppressedCells: number;
}

/** Key figures over the whole period. */
export interface VolumeSummary {
  firstMonth: string;
  lastMonth: string;
  published: number;
  suppressedCells: number;
}

/** Types the CSV rows; a row flagged `secret_statistique` or with an empty count is suppressed, never zero. */
export function parseVolumeRows(rows: readonly VolumeCsvRow[]): VolumeRow[] {
  return rows.map((row) => {
    const raw = (row.nb_signalements ?? "").trim();
    const secret = row.secret_statistique === "true" || raw === "";
    return {
      month: row.mois ?? "",
      channel: row.canal ?? "",
      group: row.groupe_categorie ?? ALL,
      service: row.code_service ?? ALL,
      district: row.code_quartier ?? ALL,
      count: secret ? null : Number(raw),
    };
  });
}

/** The cube's rows for a slice, by channel (the `ensemble` channel excluded): margins are read, never summed from details. */
export function sliceByChannel(rows: readonly VolumeRow[], filter: VolumeFilter): VolumeRow[] {
  return rows.filter(
    (r) =>
      r.group === ALL &&
      r.service === filter.service &&
      r.district === filter.district &&
      r.channel !== ALL &&
      (!filter.month || r.month === filter.month),
  );
}

/** The all-channel totals of a slice, one row per month. */
export function sliceTotals(rows: readonly VolumeRow[], filter: VolumeFilter): VolumeRow[] {
  return rows.filter(
    (r) =>
      r.group === ALL &&
      r.service === filter.service &&
      r.district === filter.district &&
      r.channel === ALL &&
      (!filter.month || r.month === filter.month),
  );
}

/** Distinct `[code, label]` pairs of a dimension (margins excluded), sorted by label. */
export function dimensionOptions(rows: readonly VolumeCsvRow[], code: string, label: string): [string, string][] {
  const seen = new Map<string, string>();
  for (const r of rows) {
    const c = r[code] ?? "";
    if (c !== "" && c !== ALL) seen.set(c, r[label] ?? c);
  }
  return [...seen].sort((a, b) => a[1].localeCompare(b[1], "fr"));
}

/** Sums the release cells by month and channel; every month × known channel is present (absent = 0 reports). */
export function volumesByMonthAndChannel(rows: readonly VolumeRow[]): MonthChannelVolume[] {
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const extra = [...new Set(rows.map((r) => r.channel))].filter((c) => !(CHANNELS as readonly string[]).includes(c)).sort();
  const channels = [...CHANNELS, ...extra];
  const cells = new Map<string, MonthChannelVolume>();
  for (const month of months) {
    for (const channel of channels) {
      cells.set(`${month}|${channel}`, { month, channel, label: channelLabel(channel), published: 0, suppressedCells: 0 });
    }
  }
  for (const row of rows) {
    const cell = cells.get(`${row.month}|${row.channel}`) as MonthChannelVolume;
    if (row.count === null) cell.suppressedCells += 1;
    else cell.published += row.count;
  }
  return [...cells.values()];
}

/** The period covered and the published total (suppressed cells are not counted, only reported). */
export function summarizeVolumes(rows: readonly VolumeRow[]): VolumeSummary | null {
  if (rows.length === 0) return null;
  const months = rows.map((r) => r.month).sort();
  return {
    firstMonth: months[0] as string,
    lastMonth: months[months.length - 1] as string,
    published: rows.reduce((sum, r) => sum + (r.count ?? 0), 0),
    suppressedCells: rows.filter((r) => r.count === null).length,
  };
}

/** How a month × channel total reads in the table: a number, `non diffusé (< 11)`, or both. */
export function formatVolumeCell(cell: Pick<MonthChannelVolume, "published" | "suppressedCells">, k = SECRET_THRESHOLD): string {
  if (cell.suppressedCells === 0) return formatInteger(cell.published);
  if (cell.published === 0) return notDisclosed(k);
  return `${formatInteger(cell.published)} + ${notDisclosed(k)}`;
}

/** The value a chart plots: null (a gap, never a zero) when every cell of the month and channel is suppressed. */
export function chartValue(cell: Pick<MonthChannelVolume, "published" | "suppressedCells">): number | null {
  return cell.published === 0 && cell.suppressedCells > 0 ? null : cell.published;
}

/** Tick spacing for `months` consecutive months on a chart `width` pixels wide: `month`, `2 months`, … */
export function monthTickInterval(months: number, width: number): string {
  const step = Math.max(1, Math.ceil(months / Math.max(1, Math.floor(width / 80))));
  return step === 1 ? "month" : `${step} months`;
}

/** One sentence for the chart: the leading channel's share and the busiest month. */
export function volumesTakeaway(volumes: readonly MonthChannelVolume[]): string {
  const total = volumes.reduce((sum, v) => sum + v.published, 0);
  if (total === 0) return "Aucun signalement publié sur la période.";
  const byChannel = new Map<string, number>();
  const byMonth = new Map<string, number>();
  for (const v of volumes) {
    byChannel.set(v.label, (byChannel.get(v.label) ?? 0) + v.published);
    byMonth.set(v.month, (byMonth.get(v.month) ?? 0) + v.published);
  }
  const [channel, channelCount] = [...byChannel].sort((a, b) => b[1] - a[1])[0] as [string, number];
  const [month, monthCount] = [...byMonth].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] as [string, number];
  const share = formatPercent(channelCount / total);
  const busiest = `le mois le plus chargé est ${formatMonth(month)} (${formatInteger(monthCount)} signalements).`;
  // Suppressed cells are left out of the sums: say so, or the shares would read as exact.
  return volumes.some((v) => v.suppressedCells > 0)
    ? `Parmi les valeurs publiées (cases non diffusées exclues), le canal ${channel} réunit ${share} des signalements ; ${busiest}`
    : `Le canal ${channel} réunit ${share} des signalements publiés ; ${busiest}`;
}
