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
