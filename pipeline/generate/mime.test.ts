import { describe, expect, test } from "vitest";
import { csvField } from "./formats.ts";
import { base64Lines, encodeWord, mboxrdEscape, quotedPrintable } from "./mime.ts";

describe("MIME encoders", () => {
  test.each([
    ["é", "Q", "=?UTF-8?Q?=C3=A9?="],
    ["Nid de poule", "Q", "=?UTF-8?Q?Nid_de_poule?="],
    ["a=b?", "Q", "=?UTF-8?Q?a=3Db=3F?="],
    ["Déchets", "B", "=?UTF-8?B?RMOpY2hldHM=?="],
  ] as const)("encodeWord(%s, %s)", (text, encoding, expected) => {
    expect(encodeWord(text, encoding)).toBe(expected);
  });

  test("long subjects split into encoded words of at most 75 characters", () => {
    const words = encodeWord("Dépôt sauvage très gênant ".repeat(6), "B").split("\n ");
    expect(words.length).toBeGreaterThan(1);
    for (const w of words) expect(w.length).toBeLessThanOrEqual(75);
    const decoded = words.map((w) => Buffer.from(w.slice(10, -2), "base64").toString("utf8")).join("");
    expect(decoded).toBe("Dépôt sauvage très gênant ".repeat(6));
  });

  test.each([
    ["café = 1", "caf=C3=A9 =3D 1"],
    ["fin ", "fin=20"],
    ["a\nb", "a\nb"],
    ["a".repeat(80), `${"a".repeat(75)}=\naaaaa`],
  ])("quotedPrintable(%j)", (text, expected) => {
    expect(quotedPrintable(text)).toBe(expected);
  });

  test("base64Lines wraps at 76 characters", () => {
    const lines = base64Lines("x".repeat(100)).split("\n");
    expect(lines.map((l) => l.length)).toEqual([76, 60]);
  });

  test("mboxrd escaping adds one '>' to From lines only", () => {
    expect(mboxrdEscape("From x\n>From y\nFromage\n From z")).toBe(">From x\n>>From y\nFromage\n From z");
  });
});

describe("csvField", () => {
  test.each([
    ["simple", "simple"],
    ["a;b", '"a;b"'],
    ['dit "oui"', '"dit ""oui"""'],
    ["l1\nl2", '"l1\nl2"'],
    ["", ""],
  ])("csvField(%j) = %j", (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});
