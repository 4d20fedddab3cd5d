/** Shapes the release table `volumes_mensuels` (month × channel × group × service × district) for the Accueil page. */
import { CHANNELS, channelLabel, formatInteger, formatMonth, formatPercent, NOT_DISCLOSED } from "./format.js";

/** One row of `volumes_mensuels.csv` as read from the release (every field a string). */
export type VolumeCsvRow = Record<string, string | undefined>;

/** One release row, typed: `count` is null when the cell is suppressed. */
export interface VolumeRow {
  month: string;
  channel: string;
  count: number | null;
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
    return { month: row.mois ?? "", channel: row.canal ?? "", count: secret ? null : Number(raw) };
  });
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
export function formatVolumeCell(cell: Pick<MonthChannelVolume, "published" | "suppressedCells">): string {
  if (cell.suppressedCells === 0) return formatInteger(cell.published);
  if (cell.published === 0) return NOT_DISCLOSED;
  return `${formatInteger(cell.published)} + ${NOT_DISCLOSED}`;
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
  return (
    `Le canal ${channel} réunit ${formatPercent(channelCount / total)} des signalements publiés ; ` +
    `le mois le plus chargé est ${formatMonth(month)} (${formatInteger(monthCount)} signalements).`
  );
}
