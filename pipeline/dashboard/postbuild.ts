/** Pure checks and fixes applied to the built dashboard (no file access here: see build.ts). */

/** Sets `lang` on the `<html>` element of a page (adds the element after the doctype when missing). */
export function setHtmlLang(html: string, lang: string): string {
  if (/<html[\s>]/i.test(html)) {
    return html.replace(/<html(\s[^>]*)?>/i, (_tag, attrs: string | undefined) => {
      const rest = (attrs ?? "").replace(/\s+lang=("[^"]*"|'[^']*'|\S+)/i, "");
      return `<html lang="${lang}"${rest}>`;
    });
  }
  return html.replace(/^(<!doctype html>\s*)?/i, (doctype) => `${doctype}<html lang="${lang}">\n`);
}

const EXTERNAL = String.raw`(?:https?:)?\/\/[^"'\s)>]+`;
const HTML_ATTR = new RegExp(String.raw`\b(?:src|href|srcset|poster|data|action)\s*=\s*["']?(${EXTERNAL})`, "gi");
const JS_IMPORT = new RegExp(String.raw`(?:\bimport\s*\(\s*|\bfrom\s*|\bimport\s*)["'](${EXTERNAL})["']`, "g");
const CSS_URL = new RegExp(String.raw`(?:url\(\s*["']?|@import\s+["'])(${EXTERNAL})`, "gi");

/** External URLs a built file would make the browser fetch (HTML attributes, JS imports, CSS urls/imports). */
export function findExternalReferences(text: string, kind: "html" | "js" | "css"): string[] {
  const patterns = kind === "html" ? [HTML_ATTR, CSS_URL] : kind === "js" ? [JS_IMPORT] : [CSS_URL];
  const found = new Set<string>();
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.add(match[1] as string);
  return [...found].sort();
}

const SIDEBAR_CLOSE = /(<ol>\s*)(<label id="observablehq-sidebar-close" for="observablehq-sidebar-toggle"><\/label>\s*)/;

/**
 * Fixes Framework's page chrome for a French, accessible site: the sidebar toggle gets a French name, and the
 * sidebar's close `<label>` moves out of the `<ol>` (a list may only contain `<li>`; it is positioned absolutely).
 */
export function fixPageChrome(html: string): string {
  return html
    .replace(SIDEBAR_CLOSE, (_m, ol: string, label: string) => `${label.trim()}\n  ${ol}`)
    .replace(
      '<input id="observablehq-sidebar-toggle" type="checkbox" title="Toggle sidebar">',
      '<input id="observablehq-sidebar-toggle" type="checkbox" title="Afficher ou masquer le menu" aria-label="Afficher ou masquer le menu">',
    );
}

/** Text of the banner on every page of a preview build. */
export const PREVIEW_BANNER = "Projet — non publié";

/**
 * Marks a preview page for officials: a banner at the top of the body and the mark in the `<title>`, so a
 * printed or shared page cannot be mistaken for the published site.
 */
export function markPreview(html: string): string {
  const banner = `<div class="bandeau-projet" role="note" style="background:#7a1a00;color:#fff;padding:.5rem 1rem;font-weight:700;text-align:center">${PREVIEW_BANNER} — version de travail soumise à la décision des élus, à ne pas diffuser</div>`;
  return html.replace(/<title>/i, `<title>${PREVIEW_BANNER} · `).replace(/<body([^>]*)>/i, (body) => `${body}\n${banner}`);
}
