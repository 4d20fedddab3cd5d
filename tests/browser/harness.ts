/** Real-browser test harness: Debian chromium driven by playwright-core, every request outside 127.0.0.1 blocked. */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { PROJECT_ROOT } from "../../pipeline/reference.ts";

/** Debian's chromium (installed by apt, never downloaded by playwright). */
export const CHROMIUM = "/usr/bin/chromium";
/** Where the tests write their screenshots (git-ignored). */
export const SCREENSHOT_DIR = path.join(PROJECT_ROOT, "test-results", "screenshots");
/** Viewports of the screenshots. */
export const VIEWPORTS = { desktop: { width: 1280, height: 800 }, mobile: { width: 390, height: 844 } } as const;

/** Why the browser tests are skipped, or undefined when they run (CI sets CI_REQUIRE_BROWSER=1: then never skipped). */
export function browserSkipReason(): string | undefined {
  if (existsSync(CHROMIUM) || process.env.CI_REQUIRE_BROWSER) return undefined;
  return `Tests navigateur ignorés : ${CHROMIUM} absent (apt-get install -y chromium).`;
}

/** A browser context with a fresh profile; `close` removes the profile. */
export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launches headless chromium with a new temporary profile. */
export async function launchBrowser(): Promise<TestBrowser> {
  const profile = mkdtempSync(path.join(tmpdir(), "signalements-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** What happened while a page was open. */
export interface PageVisit {
  page: Page;
  /** Console errors and uncaught page errors. */
  errors: string[];
  /** Requests to anything but 127.0.0.1, aborted. */
  blocked: string[];
  /** Bytes transferred (headers + bodies) for every finished request. */
  bytes(): Promise<number>;
}

/** Opens `url` at a viewport, blocking every request not addressed to 127.0.0.1, and waits for the network to settle. */
export async function visit(context: BrowserContext, url: string, viewport: { width: number; height: number }): Promise<PageVisit> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const errors: string[] = [];
  const blocked: string[] = [];
  const sizes: Promise<number>[] = [];
  await page.route("**/*", (route) => {
    const target = new URL(route.request().url());
    if (target.hostname === "127.0.0.1") return route.continue();
    blocked.push(target.href);
    return route.abort("blockedbyclient");
  });
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`page: ${error.message}`));
  page.on("requestfinished", (request) => {
    sizes.push(request.sizes().then((s) => s.responseHeadersSize + s.responseBodySize));
  });
  await page.goto(url, { waitUntil: "networkidle" });
  return { page, errors, blocked, bytes: async () => (await Promise.all(sizes)).reduce((a, b) => a + b, 0) };
}

/** An axe-core violation, reduced to what a failure message needs. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe-core (WCAG 2.1 A and AA rules) in the page; returns the serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: path.join(PROJECT_ROOT, "node_modules", "axe-core", "axe.min.js") });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations as { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
}

/** Saves a full-page screenshot as `test-results/screenshots/<name>.png`; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
