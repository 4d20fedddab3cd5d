import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { siblingImport, vendorNpmCache } from "./vendor.ts";

const root = mkdtempSync(path.join(tmpdir(), "signalements-vendor-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

test.each([
  ["d3", "d3-array", "3.2.5", "../d3-array@3.2.5/_esm.js"],
  ["@observablehq/plot", "d3", "7.9.2", "../../d3@7.9.2/_esm.js"],
])("siblingImport(%s → %s@%s)", (from, to, version, expected) => {
  expect(siblingImport(from, to, version)).toBe(expected);
});

test("fills the npm cache like the CDN, wiping what was there", async () => {
  const npm = path.join(root, ".observablehq", "cache", "_npm");
  const first = await vendorNpmCache(root);
  expect(first.npmDir).toBe(npm);
  expect(first.bundled).toContain("d3-dsv@3.0.2");
  expect(first.bundled).toContain("@observablehq/plot@0.6.17");
  const plot = readFileSync(path.join(npm, "@observablehq/plot@0.6.17", "_esm.js"), "utf8");
  expect(plot).toContain('from"../../d3@7.9.2/_esm.js"');
  expect(plot).not.toMatch(/from"(?:d3|isoformat|interval-tree-1d)"/);
  expect(readdirSync(path.join(npm, "lodash@4.17.21"))).toEqual([]);
  expect(existsSync(path.join(npm, "apache-arrow@21.2.0", "_esm.js"))).toBe(false);
  mkdirSync(path.join(npm, "left-by-a-failed-fetch@1.0.0")); // an empty directory would send Framework to the CDN
  await vendorNpmCache(root);
  expect(existsSync(path.join(npm, "left-by-a-failed-fetch@1.0.0"))).toBe(false);
});
