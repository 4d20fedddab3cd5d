import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { resolveStaticPath, serveDashboard } from "./serve.ts";

const root = mkdtempSync(path.join(tmpdir(), "signalements-serve-"));
mkdirSync(path.join(root, "_file"));
writeFileSync(path.join(root, "index.html"), "<!DOCTYPE html><title>Accueil</title>");
writeFileSync(path.join(root, "canaux.html"), "canaux");
writeFileSync(path.join(root, "_file", "a b.csv"), "x\r\n1\r\n");
afterAll(() => rmSync(root, { recursive: true, force: true }));

test.each([
  ["/", "index.html"],
  ["/index.html", "index.html"],
  ["/canaux", "canaux.html"],
  ["/canaux?filtre=web", "canaux.html"],
  ["/_file/a%20b.csv", path.join("_file", "a b.csv")],
])("resolveStaticPath(%s)", (url, file) => {
  expect(resolveStaticPath(root, url)).toBe(path.join(root, file));
});

test.each(["/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/absent", "/_file/", "/%E0%A4%A"])(
  "resolveStaticPath(%s) is undefined",
  (url) => {
    expect(resolveStaticPath(root, url)).toBeUndefined();
  },
);

test("serves on 127.0.0.1 with the right content type, 404 otherwise", async () => {
  const server = await serveDashboard({ port: 0, dir: root });
  try {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    const page = await fetch(server.url);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await page.text()).toBe("<!DOCTYPE html><title>Accueil</title>");
    const csv = await fetch(`${server.url}_file/a%20b.csv`);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect((await fetch(`${server.url}nulle-part`)).status).toBe(404);
  } finally {
    await server.close();
  }
});
