/** One process: the service also serves the built dashboard at `/` and the preview at `/apercu/`, next to the APIs. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type RunningService, startService } from "../../pipeline/service/server.ts";
import { TEST_SECRET } from "./harness.ts";

let dir: string;
let service: RunningService;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "service-static-"));
  const dist = path.join(dir, "dist");
  const preview = path.join(dir, "dist-apercu");
  mkdirSync(dist);
  mkdirSync(preview);
  writeFileSync(path.join(dist, "index.html"), "<p>accueil public</p>");
  writeFileSync(path.join(dist, "delais.html"), "<p>délais</p>");
  writeFileSync(path.join(dist, "404.html"), "<p>page introuvable</p>");
  writeFileSync(path.join(preview, "index.html"), "<p>projet — non publié</p>");
  service = await startService({
    store: path.join(dir, "intake.sqlite"),
    host: "127.0.0.1",
    port: 0,
    settings: {
      secret: TEST_SECRET,
      publicUrl: "http://localhost:3000",
      corsOrigins: [],
      limits: { anonymous: 10, keyed: 10, followup: 10 },
      distDir: dist,
      previewDir: preview,
    },
  });
});
afterAll(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

test.each([
  ["/", 200, "<p>accueil public</p>"],
  ["/delais", 200, "<p>délais</p>"],
  ["/apercu/", 200, "<p>projet — non publié</p>"],
  ["/absente", 404, "<p>page introuvable</p>"],
  ["/open311/v2/nulle-part.json", 404, '[{"code":404,"description":"ressource introuvable"}]'],
])("GET %s → %i", async (url, status, text) => {
  const res = await fetch(`${service.url}${url}`);
  expect(res.status).toBe(status);
  expect(await res.text()).toBe(text);
});

test("the APIs are not shadowed by the static files", async () => {
  const res = await fetch(`${service.url}/open311/v2/services.json`);
  expect(res.status).toBe(200);
  expect(((await res.json()) as unknown[]).length).toBe(service.ctx.ref.taxonomy.categories.length);
});
