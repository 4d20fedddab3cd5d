/** Plot charts shared by the pages: bars with suppressed cells spelled out, monthly lines, district and H3 maps. */
import * as Plot from "@observablehq/plot";
import { formatInteger, formatMonth, formatPercent, monthDate, notDisclosed, SECRET_THRESHOLD } from "./format.js";
import { accessibleChart } from "./table.js";

/** One bar: a label, its value (null when suppressed) and the text shown beside it. */
export interface Bar {
  label: string;
  value: number | null;
  text: string;
}

/** Options common to the charts. */
export interface ChartOptions {
  title: string;
  width: number;
  /** Values are shares in [0, 1] (axis in %). */
  percent?: boolean;
  axisLabel?: string;
  k?: number;
  /** Label of the one bar drawn in a darker colour (the selected filter value). */
  highlight?: string;
}

const tick = (percent?: boolean) => (n: number) => (percent ? formatPercent(n) : formatInteger(n));

/** Horizontal bars, one per label; an empty value has no bar and reads its text (by default `non diffusé (< k)`), never zero. */
export function barChart(
  bars: readonly Bar[],
  { title, width, percent, axisLabel, k = SECRET_THRESHOLD, highlight }: ChartOptions,
): Element {
  const shown = bars.map((b) => ({ ...b, text: b.value === null ? b.text || notDisclosed(k) : b.text }));
  const max = Math.max(0, ...bars.map((b) => b.value ?? 0));
  const marginLeft = Math.min(220, Math.round(width * 0.42));
  const figure = Plot.plot({
    title,
    width,
    height: 40 + (width < 500 ? 44 : 34) * bars.length,
    marginLeft,
    marginRight: width < 500 ? 110 : 130,
    x: {
      grid: true,
      label: axisLabel ?? null,
      domain: [0, percent ? Math.max(1, max) : max * 1.05 || 1],
      tickFormat: tick(percent),
      ticks: percent || max >= 10 ? (width < 500 ? 3 : 6) : Math.max(1, Math.floor(max)),
    },
    y: { label: null, domain: shown.map((b) => b.label), axis: null },
    marks: [
      Plot.axisY({ label: null, tickSize: 0, lineWidth: Math.floor(marginLeft / 6.5), textOverflow: "ellipsis-end" }),
      Plot.barX(
        shown.filter((b) => b.value !== null),
        { x: "value", y: "label", fill: (b: Bar) => barColor(b.label, highlight) },
      ),
      Plot.text(shown, {
        x: (b: Bar) => b.value ?? 0,
        y: "label",
        text: "text",
        textAnchor: "start",
        dx: 4,
        fill: "currentColor",
        lineWidth: 12,
      }),
      Plot.ruleX([0]),
    ],
  });
  return accessibleChart(figure, title);
}

/** The fill of a bar: the usual blue, or, when one label is highlighted, dark blue for it and light blue for the others. */
export function barColor(label: string, highlight?: string): string {
  if (highlight === undefined) return "#0b5cad";
  return label === highlight ? "#06356b" : "#8fb3da";
}

/** The y domain of a rate chart: up to 100 % for high rates, zoomed (at least 0–10 %) for small ones such as reopenings. */
export function percentDomain(values: readonly (number | null)[]): [number, number] {
  const max = Math.max(0, ...values.map((v) => v ?? 0));
  return [0, max > 0.5 ? 1 : Math.max(0.1, Math.ceil(max * 12) / 10)];
}

/** One point of a monthly (or quarterly) series: `month` is the first month of its period, `label` names the period. */
export interface SeriesPoint {
  month: string;
  series: string;
  value: number | null;
  label?: string;
  /** What an empty value reads (by default `non diffusé (< k)`). */
  empty?: string;
}

const monthTick = new Intl.DateTimeFormat("fr-FR", { month: "short", year: "2-digit", timeZone: "UTC" });

/** Axis tick of a series: `janv. 26` for months, `T1 26` for quarters. */
export function seriesTick(date: Date, quarterly = false): string {
  if (!quarterly) return monthTick.format(date);
  return `T${Math.floor(date.getUTCMonth() / 3) + 1} ${String(date.getUTCFullYear()).slice(2)}`;
}

/** Tick spacing of a series of `count` points on `width` pixels, in months (a multiple of 3 for quarters). */
export function seriesTickMonths(count: number, width: number, quarterly = false): number {
  const step = Math.max(1, Math.ceil(count / Math.max(1, Math.floor(width / 70))));
  return quarterly ? 3 * step : step;
}

/** Monthly lines, one per series; a suppressed month is a gap, never a zero. */
export function lineChart(
  points: readonly SeriesPoint[],
  { title, width, percent, axisLabel, k = SECRET_THRESHOLD, quarterly = false }: ChartOptions & { quarterly?: boolean },
): Element {
  const data = points.map((p) => ({ ...p, date: monthDate(p.month) }));
  const count = new Set(points.map((p) => p.month)).size;
  const figure = Plot.plot({
    title,
    width,
    height: Math.min(320, Math.max(220, width * 0.4)),
    marginLeft: 56,
    x: {
      type: "utc",
      label: null,
      tickFormat: (d: Date) => seriesTick(d, quarterly),
      ticks: ((n: number) => (n === 1 ? "month" : `${n} months`))(seriesTickMonths(count, width - 80, quarterly)),
    },
    y: {
      grid: true,
      zero: true,
      label: axisLabel ?? null,
      tickFormat: tick(percent),
      domain: percent ? percentDomain(points.map((p) => p.value)) : undefined,
    },
    color: { legend: new Set(points.map((p) => p.series)).size > 1 },
    marks: [
      Plot.ruleY([0]),
      Plot.line(data, { x: "date", y: "value", stroke: "series", strokeWidth: 2 }),
      Plot.dot(data, {
        x: "date",
        y: "value",
        stroke: "series",
        fill: "white",
        r: 3.5,
        tip: true,
        title: (d: SeriesPoint) =>
          `${d.series}, ${d.label ?? formatMonth(d.month)} : ${d.value === null ? (d.empty ?? notDisclosed(k)) : tick(percent)(d.value)}`,
      }),
    ],
  });
  return accessibleChart(figure, title);
}

/** A GeoJSON feature collection (the fields the maps read). */
export interface Features {
  type: "FeatureCollection";
  features: { type: "Feature"; properties: Record<string, unknown>; geometry: unknown }[];
}

type Feature = Features["features"][number];

/**
 * d3-geo reads polygons on the sphere, where the ring order says which side is inside: RFC 7946 rings
 * (exterior counter-clockwise) must be reversed, or each polygon covers the whole globe but itself.
 */
export function rewindForD3(collection: Features): Features {
  return {
    ...collection,
    features: collection.features.map((f) => {
      const g = f.geometry as { type: string; coordinates: unknown };
      const rewind = (polygon: number[][][]) => polygon.map((ring) => [...ring].reverse());
      if (g?.type === "Polygon") return { ...f, geometry: { ...g, coordinates: rewind(g.coordinates as number[][][]) } };
      if (g?.type === "MultiPolygon") return { ...f, geometry: { ...g, coordinates: (g.coordinates as number[][][][]).map(rewind) } };
      return f;
    }),
  };
}

/** Choropleth of `areas` by `measureOf` (light grey when suppressed or absent); `outlines` are drawn beneath, unfilled. */
function choropleth(
  rfcAreas: Features,
  measureOf: (properties: Record<string, unknown>) => number | null,
  nameOf: (properties: Record<string, unknown>) => string,
  { title, width, percent, axisLabel, k = SECRET_THRESHOLD }: ChartOptions,
  rfcOutlines: Features,
): Element {
  const areas = rewindForD3(rfcAreas);
  const outlines = rewindForD3(rfcOutlines);
  const known = areas.features.filter((f) => measureOf(f.properties) !== null);
  const unknown = areas.features.filter((f) => measureOf(f.properties) === null);
  const label = (f: Feature) => {
    const v = measureOf(f.properties);
    return `${nameOf(f.properties)} : ${v === null ? notDisclosed(k) : tick(percent)(v)}`;
  };
  const figure = Plot.plot({
    title,
    width,
    height: Math.round(Math.min(width, 640) * 0.95),
    projection: { type: "mercator", domain: outlines as never },
    color: {
      type: "linear",
      scheme: "blues",
      legend: true,
      label: axisLabel ?? undefined,
      tickFormat: tick(percent),
      ...(percent ? { domain: [0, 1] } : {}),
    },
    marks: [
      Plot.geo(outlines.features, { fill: "#f4f4f4", stroke: "#666", strokeWidth: 0.8 }),
      Plot.geo(unknown, { fill: "#d9d9d9", stroke: "#333", title: label, tip: true }),
      Plot.geo(known, { fill: (f: Feature) => measureOf(f.properties), stroke: "#333", title: label, tip: true }),
    ],
  });
  return accessibleChart(figure, title);
}

/** Choropleth of the 10 districts by a published value. */
export function districtMap(districts: Features, measureOf: (p: Record<string, unknown>) => number | null, options: ChartOptions): Element {
  return choropleth(districts, measureOf, (p) => String(p.quartier ?? p.code_quartier), options, districts);
}

/** H3 cells coloured by their published count, over the district outlines. */
export function h3Map(cells: Features, districts: Features, options: ChartOptions): Element {
  const count = (p: Record<string, unknown>) => (typeof p.nb_signalements === "number" ? p.nb_signalements : null);
  return choropleth(cells, count, (p) => `Cellule ${p.cellule_h3}`, options, districts);
}
