/** Accessible tables, CSV downloads and chart sections shared by every page. */

/** One column of a displayed table: header, formatted text of a row, numeric columns right-aligned. */
export interface Column<T> {
  label: string;
  text: (row: T) => string;
  numeric?: boolean;
  /** The cell is a row header (`<th scope="row">`). */
  header?: boolean;
}

/** The text of every cell, header first: what a table shows (pure, also used to build its CSV). */
export function tableCells<T>(columns: readonly Column<T>[], rows: readonly T[]): string[][] {
  return [columns.map((c) => c.label), ...rows.map((row) => columns.map((c) => c.text(row)))];
}

function csvField(value: string): string {
  return /[",\r\n;]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** RFC 4180 CSV (comma, CRLF) of a grid of strings. */
export function toCsv(cells: readonly (readonly string[])[]): string {
  return cells.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/**
 * The same grid for a spreadsheet set to French: UTF-8 with BOM, ';' separator, CRLF; a text starting
 * with = + - or @ is prefixed with an apostrophe so it is never run as a formula. Cells are the
 * displayed texts (`72 %`, `1 421`, `pas encore atteint`), as the table shows them.
 */
export function toExcelCsv(cells: readonly (readonly string[])[]): string {
  const field = (value: string) => {
    const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
    return /[";\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  return `\ufeff${cells.map((row) => row.map(field).join(";")).join("\r\n")}\r\n`;
}

/** A `data:` URL holding a UTF-8 CSV (downloadable without a server round trip). */
export function csvDataUrl(csv: string): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`;
}

/** Path of a release file as shipped beside the site (the build copies the release into `publication/`). */
export function releaseHref(releasePath: string): string {
  return `./publication/${releasePath}`;
}

/** An HTML table with a caption, column headers and optional row headers. */
export function dataTable<T>(
  caption: string,
  columns: readonly Column<T>[],
  rows: readonly T[],
  className = "data-table",
): HTMLTableElement {
  const table = document.createElement("table");
  table.className = className;
  table.createCaption().textContent = caption;
  const head = table.createTHead().insertRow();
  for (const column of columns) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = column.label;
    if (column.numeric) th.className = "num";
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const column of columns) {
      const cell = column.header ? document.createElement("th") : document.createElement("td");
      if (column.header) (cell as HTMLTableCellElement).scope = "row";
      cell.textContent = column.text(row);
      if (column.numeric) cell.className = "num";
      tr.append(cell);
    }
  }
  return table;
}

/** A scrollable, keyboard-focusable region around a table. */
export function tableRegion(table: HTMLTableElement, name: string): HTMLElement {
  const region = document.createElement("div");
  region.className = "table-scroll";
  region.tabIndex = 0;
  region.setAttribute("role", "region");
  region.setAttribute("aria-label", name);
  region.append(table);
  return region;
}

/** Links to download a chart's data: the filtered values as CSV, and the release file they come from. */
export function downloadLinks<T>(name: string, columns: readonly Column<T>[], rows: readonly T[], releasePath: string): HTMLElement {
  const p = document.createElement("p");
  p.className = "downloads";
  const filtered = document.createElement("a");
  filtered.href = csvDataUrl(toExcelCsv(tableCells(columns, rows)));
  filtered.download = `${name}.csv`;
  filtered.textContent = "Télécharger ces valeurs (CSV pour Excel : point-virgule, tel qu'affiché)";
  const source = document.createElement("a");
  source.href = releaseHref(releasePath);
  source.textContent = `Fichier source : ${releasePath}`;
  p.append(filtered, " · ", source);
  return p;
}

/** Plot puts `aria-label` on `<g>` elements, which have no role: keep one accessible name, on the chart's SVG. */
export function accessibleChart(figure: Element, name: string): Element {
  // With a colour legend, the figure holds the legend's SVG first: the chart is the last SVG.
  const svg = figure.tagName.toLowerCase() === "svg" ? figure : Array.from(figure.querySelectorAll(":scope > svg")).at(-1);
  for (const g of Array.from(figure.querySelectorAll("[aria-label]"))) if (g !== svg) g.removeAttribute("aria-label");
  svg?.setAttribute("role", "img");
  svg?.setAttribute("aria-label", `${name}. Le tableau qui suit donne les mêmes valeurs.`);
  figure.classList.add("chart");
  return figure;
}
