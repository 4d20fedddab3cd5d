import { describe, expect, test } from "vitest";
import { findExternalReferences, fixPageChrome, setHtmlLang } from "./postbuild.ts";

describe("setHtmlLang", () => {
  test.each([
    ["<!DOCTYPE html>\n<html>\n<head>", '<!DOCTYPE html>\n<html lang="fr">\n<head>'],
    ['<!DOCTYPE html>\n<html lang="en" class="x">', '<!DOCTYPE html>\n<html lang="fr" class="x">'],
    ["<!DOCTYPE html>\n<head>", '<!DOCTYPE html>\n<html lang="fr">\n<head>'],
  ])("%j", (input, expected) => {
    expect(setHtmlLang(input, "fr")).toBe(expected);
  });
});

describe("findExternalReferences", () => {
  test("HTML: script, stylesheet and image sources, not relative paths", () => {
    const html = [
      '<script src="https://cdn.jsdelivr.net/npm/d3@7/+esm"></script>',
      '<link rel="stylesheet" href="//fonts.googleapis.com/css2?family=Inter">',
      '<img src="./_file/logo.png"><a href="./donnees">Données</a>',
      '<div style="background: url(http://example.org/a.png)"></div>',
    ].join("\n");
    expect(findExternalReferences(html, "html")).toEqual([
      "//fonts.googleapis.com/css2?family=Inter",
      "http://example.org/a.png",
      "https://cdn.jsdelivr.net/npm/d3@7/+esm",
    ]);
  });

  test("JS: static and dynamic imports, not plain strings", () => {
    const js = 'import{a}from"https://cdn.jsdelivr.net/npm/a/+esm";const b=import("https://esm.sh/b");const c="https://example.org";';
    expect(findExternalReferences(js, "js")).toEqual(["https://cdn.jsdelivr.net/npm/a/+esm", "https://esm.sh/b"]);
  });

  test("CSS: @import and url()", () => {
    const css = '@import "https://fonts.googleapis.com/x.css";\nbody{background:url("./a.png")}\n.b{src:url(https://x.org/f.woff2)}';
    expect(findExternalReferences(css, "css")).toEqual(["https://fonts.googleapis.com/x.css", "https://x.org/f.woff2"]);
  });
});

test("fixPageChrome moves the sidebar's close label out of the list and names the toggle in French", () => {
  const html = [
    '<input id="observablehq-sidebar-toggle" type="checkbox" title="Toggle sidebar">',
    '<nav id="observablehq-sidebar">',
    "  <ol>",
    '    <label id="observablehq-sidebar-close" for="observablehq-sidebar-toggle"></label>',
    '    <li class="observablehq-link"><a href="./">Accueil</a></li>',
    "  </ol>",
  ].join("\n");
  expect(fixPageChrome(html)).toBe(
    [
      '<input id="observablehq-sidebar-toggle" type="checkbox" title="Afficher ou masquer le menu" aria-label="Afficher ou masquer le menu">',
      '<nav id="observablehq-sidebar">',
      '  <label id="observablehq-sidebar-close" for="observablehq-sidebar-toggle"></label>',
      "  <ol>",
      '    <li class="observablehq-link"><a href="./">Accueil</a></li>',
      "  </ol>",
    ].join("\n"),
  );
});
