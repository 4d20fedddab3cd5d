/**
 * Pages of the dashboard whose data the release does not hold (an indicator pending or withheld): found by
 * reading which release files each page's loaders print; such a page is replaced by a short French notice.
 */

/** Data files a page reads (`FileAttachment("data/x.csv")` → `data/x.csv`). */
export function pageAttachments(markdown: string): string[] {
  return [...new Set([...markdown.matchAll(/FileAttachment\(\s*["'`](data\/[^"'`]+)["'`]\s*\)/g)].map((m) => m[1] as string))];
}

/** The release file a data loader prints (`emitReleaseFile("data/x.csv")` → `data/x.csv`), if it prints one. */
export function loaderReleaseFile(loaderSource: string): string | undefined {
  return /emitReleaseFile\(\s*["'`]([^"'`]+)["'`]\s*\)/.exec(loaderSource)?.[1];
}

/** The page's front-matter title, if any. */
export function pageTitle(markdown: string): string | undefined {
  return /^---\s*\n(?:[\s\S]*?\n)?title:\s*(.+?)\s*\n[\s\S]*?---/.exec(markdown)?.[1];
}

/** Sentence shown instead of an unpublished indicator. */
export const NOT_PUBLISHED = "Cet indicateur n'est pas publié.";

/** The page that replaces one whose indicator is not in the release: same title, no data, nothing named. */
export function notPublishedPage(title: string): string {
  return `---
title: ${title}
---

# ${title}

<p class="takeaway" id="non-publie">${NOT_PUBLISHED}</p>

Les élus décident des statistiques publiées : tant que la publication de cet indicateur n'est pas approuvée, ses données ne
figurent ni sur ce site ni dans les données ouvertes. Voir la page [Méthodologie et confidentialité](./methodologie).
`;
}
