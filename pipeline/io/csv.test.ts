import { describe, expect, test } from "vitest";
import { CsvSplitter, detectDelimiter, splitRecord } from "./csv.ts";

describe("detectDelimiter", () => {
  test.each([
    ["a;b;c", ";"],
    ["a,b,c", ","],
    ['"x;y",b,c', ","],
    ["a;b,c", ";"],
  ])("%s → %s", (line, want) => expect(detectDelimiter(line)).toBe(want));
});

describe("splitRecord", () => {
  test.each([
    ["a;b;;c", ["a", "b", "", "c"]],
    ['"a;b";c', ["a;b", "c"]],
    ['"dit ""bonjour""";x', ['dit "bonjour"', "x"]],
    ['a;"l1\nl2"', ["a", "l1\nl2"]],
    ['a;""', ["a", ""]],
  ])("%j", (text, want) => expect(splitRecord(text, ";")).toEqual(want));
});

describe("CsvSplitter", () => {
  test("CRLF, quoted newline and chunk boundaries anywhere give the same records with their first line", () => {
    const text = 'h1;h2\r\nv1;"multi\r\nligne"\r\n\r\nv3;v4';
    const want = [
      { line: 1, fields: ["h1", "h2"], raw: "h1;h2", unterminated: false },
      { line: 2, fields: ["v1", "multi\nligne"], raw: 'v1;"multi\nligne"', unterminated: false },
      { line: 5, fields: ["v3", "v4"], raw: "v3;v4", unterminated: false },
    ];
    for (let cut = 0; cut <= text.length; cut++) {
      const s = new CsvSplitter();
      expect([...s.push(text.slice(0, cut)), ...s.push(text.slice(cut)), ...s.end()]).toEqual(want);
    }
  });

  test("a quote never closed is one unterminated record at the end of the file", () => {
    const s = new CsvSplitter(";");
    expect([...s.push('a;b\nc;"jamais\nfermé\n'), ...s.end()]).toEqual([
      { line: 1, fields: ["a", "b"], raw: "a;b", unterminated: false },
      { line: 2, fields: [], raw: 'c;"jamais\nfermé', unterminated: true },
    ]);
  });
});
