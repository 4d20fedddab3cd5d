import { describe, expect, test } from "vitest";
import { excelCell, formatValue, toCsv, toExcelCsv } from "./csv.ts";
import { parseRfc4180 } from "./rfc4180.ts";

describe("canonical values", () => {
  test.each([
    [null, ""],
    [true, "true"],
    [false, "false"],
    [0, "0"],
    [12, "12"],
    [0.85, "0.85"],
    [1e-7, "0.0000001"],
    [new Date(Date.UTC(2026, 2, 29, 1, 30, 0)), "2026-03-29T01:30:00Z"],
    ["2026-03-01", "2026-03-01"],
  ])("%j → %j", (value, expected) => expect(formatValue(value)).toBe(expected));
  test("refuses NaN", () => expect(() => formatValue(Number.NaN)).toThrow("nombre non fini refusé dans un export"));
});

describe("canonical CSV", () => {
  test("exact bytes: header, CRLF, quoting of comma, quote and newline", () => {
    const rows = [
      { a: "x,y", b: 1.5, c: null },
      { a: 'il a dit "oui"', b: 2, c: true },
      { a: "deux\nlignes", b: 0, c: false },
    ];
    expect(toCsv(rows, ["a", "b", "c"])).toBe('a,b,c\r\n"x,y",1.5,\r\n"il a dit ""oui""",2,true\r\n"deux\nlignes",0,false\r\n');
  });
  test("no BOM", () => expect(toCsv([], ["a"]).charCodeAt(0)).toBe(97));
});

describe("Excel twin", () => {
  test.each([
    ["=SOMME(A1)", "'=SOMME(A1)"],
    ["+33 3 88", "'+33 3 88"],
    ["-x", "'-x"],
    ["@cmd", "'@cmd"],
    ["\tx", "'\tx"],
    ["ordinaire", "ordinaire"],
    [0.85, "0,85"],
    [-3, "-3"],
    [null, ""],
  ])("%j → %j", (value, expected) => expect(excelCell(value)).toBe(expected));
  test("exact bytes: BOM, ';', CRLF", () => {
    expect(toExcelCsv([{ a: "x;y", b: 0.5 }], ["a", "b"])).toBe('\uFEFFa;b\r\n"x;y";0,5\r\n');
  });
});

describe("strict RFC 4180 reader", () => {
  test("reads quoted fields", () =>
    expect(parseRfc4180('a,b\r\n"x,""y""",\r\n')).toEqual([
      ["a", "b"],
      ['x,"y"', ""],
    ]));
  test.each([
    ["a,b\n1,2\r\n", "LF sans CR"],
    ["a,b\r\n1,2", "le fichier doit finir par CRLF"],
    ['a\r\nx"y\r\n', "guillemet au milieu d'un champ"],
    ['a\r\n"x"y\r\n', "caractère après un guillemet fermant"],
    ["a,b\r\n1\r\n", "l'enregistrement 2 a 1 champs au lieu de 2"],
  ])("rejects %j", (text, message) => expect(() => parseRfc4180(text)).toThrow(message));
});
