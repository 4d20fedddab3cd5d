/** Chart and table alternative of monthly report volumes by channel. */
import * as Plot from "@observablehq/plot";
import { CHANNEL_COLORS, CHANNELS, channelLabel, formatInteger, formatMonth, monthDate } from "./format.js";
import { accessibleChart } from "./table.js";
import { chartValue, formatVolumeCell, type MonthChannelVolume, monthTickInterval } from "./volumes.js";

const monthTick = new Intl.DateTimeFormat("fr-FR", { month: "short", year: "2-digit", timeZone: "UTC" });

/** Line chart of published reports per month, one line (and one dot shape) per channel; suppressed months are gaps. */
export function volumesChart(volumes: readonly MonthChannelVolume[], { width, k }: { width: number; k?: number }): Element {
  const title = "Signalements publiés par mois et par canal";
  const data = volumes.map((v) => ({ ...v, date: monthDate(v.month), value: chartValue(v) }));
  const months = new Set(volumes.map((v) => v.month)).size;
  const figure = Plot.plot({
    title,
    width,
    height: Math.min(360, Math.max(240, width * 0.45)),
    marginLeft: 56,
    x: { type: "utc", label: null, tickFormat: (d: Date) => monthTick.format(d), ticks: monthTickInterval(months, width - 80) },
    y: { grid: true, label: "Signalements", zero: true, tickFormat: (n: number) => formatInteger(n) },
    color: { legend: true, domain: CHANNELS.map(channelLabel), range: [...CHANNEL_COLORS] },
    symbol: { domain: CHANNELS.map(channelLabel) },
    marks: [
      Plot.ruleY([0]),
      Plot.line(data, { x: "date", y: "value", stroke: "label", strokeWidth: 2 }),
      Plot.dot(data, {
        x: "date",
        y: "value",
        stroke: "label",
        symbol: "label",
        fill: "white",
        r: 3.5,
        tip: true,
        title: (d: MonthChannelVolume) => `${d.label}, ${formatMonth(d.month)} : ${formatVolumeCell(d, k)}`,
      }),
    ],
  });
  return accessibleChart(figure, title);
}

/** Table alternative: one row per month, one column per channel; suppressed cells read `non diffusé (< 11)`. */
export function volumesTable(volumes: readonly MonthChannelVolume[], k?: number): HTMLTableElement {
  const months = [...new Set(volumes.map((v) => v.month))].sort();
  const channels = [...new Set(volumes.map((v) => v.channel))];
  const table = document.createElement("table");
  table.className = "volumes-table";
  table.createCaption().textContent = "Signalements publiés par mois et par canal (tableau des valeurs du graphique)";
  const head = table.createTHead().insertRow();
  for (const text of ["Mois", ...channels.map(channelLabel)]) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = text;
    head.append(th);
  }
  const body = table.createTBody();
  for (const month of months) {
    const row = body.insertRow();
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = formatMonth(month);
    row.append(th);
    for (const channel of channels) {
      const cell = volumes.find((v) => v.month === month && v.channel === channel);
      const td = row.insertCell();
      td.textContent = cell ? formatVolumeCell(cell, k) : formatInteger(0);
    }
  }
  return table;
}
