import { describe, expect, test } from "vitest";
import { type Column, csvDataUrl, releaseHref, tableCells, toCsv, toExcelCsv } from "./table.ts";

const columns: Column<{ name: string; n: number | null }>[] = [
  { label: "Service", text: (r) => r.name, header: true },
  { label: "Nombre", text: (r) => (r.n === null ? "non diffusé (< 11)" : String(r.n)), numeric: true },
];

describe("table alternative and CSV download", () => {
  test("cells: header row then one row per item, as displayed", () => {
    expect(
      tableCells(columns, [
        { name: "Voirie", n: 12 },
        { name: "Éclairage", n: null },
      ]),
    ).toEqual([
      ["Service", "Nombre"],
      ["Voirie", "12"],
      ["Éclairage", "non diffusé (< 11)"],
    ]);
  });

  test.each([
    [[["a", "b"]], "a,b\r\n"],
    [[["x, y", 'dit "oui"']], '"x, y","dit ""oui"""\r\n'],
    [[["ligne\nsuite", "a;b"]], '"ligne\nsuite","a;b"\r\n'],
    [[["h"], ["1"]], "h\r\n1\r\n"],
  ])("toCsv(%j) is RFC 4180 with CRLF", (cells, csv) => {
    expect(toCsv(cells)).toBe(csv);
  });

  test.each([
    [
      [
        ["Service", "Taux"],
        ["Voirie", "72\u00a0%"],
      ],
      "\ufeffService;Taux\r\nVoirie;72\u00a0%\r\n",
    ],
    [[["a;b", 'dit "oui"']], '\ufeff"a;b";"dit ""oui"""\r\n'],
    [[["=1+1", "-3", "@x", "+2", "x=1"]], "\ufeff'=1+1;'-3;'@x;'+2;x=1\r\n"],
  ])("toExcelCsv(%j): BOM, semicolons, formulas neutralised", (cells, csv) => {
    expect(toExcelCsv(cells)).toBe(csv);
  });

  test("data URL and release link", () => {
    expect(csvDataUrl("a,é\r\n")).toBe("data:text/csv;charset=utf-8,a%2C%C3%A9%0D%0A");
    expect(releaseHref("data/stock_en_cours.csv")).toBe("./publication/data/stock_en_cours.csv");
  });
});
