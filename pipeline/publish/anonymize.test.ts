import { describe, expect, test } from "vitest";
import { isCounterClockwise } from "../core/geo.ts";
import { findLongString, h3CellOf, h3Parent, h3Polygon, projectRow, publicId, requireKey } from "./anonymize.ts";

const KEY = "k".repeat(32);

describe("keyed pseudonyms", () => {
  // Expected digest computed independently with `printf SIG-000001 | openssl dgst -sha256 -hmac <32 × "k">`.
  test("HMAC-SHA256 hex, full length, stable", () => {
    expect(publicId(KEY, "SIG-000001")).toBe(EXPECTED_SIG1);
    expect(publicId(KEY, "SIG-000001")).toHaveLength(64);
    expect(publicId(`${KEY}x`, "SIG-000001")).not.toBe(EXPECTED_SIG1);
  });
  test.each([
    [undefined, "clé de pseudonymisation absente : définissez SIGNALEMENTS_PSEUDO_KEY"],
    ["", "clé de pseudonymisation absente : définissez SIGNALEMENTS_PSEUDO_KEY"],
    ["court", "clé de pseudonymisation trop courte : SIGNALEMENTS_PSEUDO_KEY doit compter au moins 32 caractères"],
  ])("refuses key %j", (key, message) => {
    expect(() => requireKey(key)).toThrow(message);
  });
  test("the error never echoes the key", () => {
    expect(() => requireKey("secret-court")).toThrow(expect.objectContaining({ message: expect.not.stringContaining("secret-court") }));
  });
});

describe("H3", () => {
  test("cell, parent and polygon (closed, counter-clockwise, 7 positions for a hexagon)", () => {
    const cell9 = h3CellOf(48.5839, 7.7455, 9);
    expect(cell9).toMatch(/^89[0-9a-f]{13}$/);
    const cell8 = h3CellOf(48.5839, 7.7455, 8);
    expect(h3Parent(cell9, 8)).toBe(cell8);
    const ring = h3Polygon(cell8).coordinates[0] ?? [];
    expect(ring).toHaveLength(7);
    expect(ring[0]).toEqual(ring[6]);
    expect(isCounterClockwise(ring)).toBe(true);
  });
});

describe("allowlist projection and string length", () => {
  test("projects in order and drops internal columns", () => {
    expect(projectRow({ b: 2, a: 1, part_max_declarant: 0.9 }, ["a", "b"], "t")).toEqual({ a: 1, b: 2 });
    expect(Object.keys(projectRow({ b: 2, a: 1 }, ["a", "b"], "t"))).toEqual(["a", "b"]);
  });
  test("a missing column is an error", () => {
    expect(() => projectRow({ a: 1 }, ["a", "b"], "t")).toThrow("colonne attendue absente dans t : b");
  });
  test.each([
    ["é".repeat(64), undefined],
    ["é".repeat(65), "t.c (ligne 1) dépasse 64 caractères"],
  ])("string length %#", (value, expected) => {
    expect(findLongString([{ c: value }], 64, "t")).toBe(expected);
  });
});

const EXPECTED_SIG1 = "8c91b9bf00e88007bbdcf5dc2d002246e15a45481b9351c19cdb302be9c6b085";
