/**
 * The WAL sync before every acknowledgement: when the disk refuses to flush, the service answers 503
 * and acknowledges nothing from then on, while reads keep working.
 */
import { fdatasync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { type RunningService, startService } from "../../pipeline/service/server.ts";
import type { Flush } from "../../pipeline/service/walSync.ts";
import { TEST_SECRET, VALID_REPORT } from "./harness.ts";

const dir = mkdtempSync(path.join(tmpdir(), "service-fsync-"));
let service: RunningService | null = null;
afterAll(async () => {
  await service?.close();
  rmSync(dir, { recursive: true, force: true });
});

test("after a failed fdatasync every write gets 503, none is acknowledged, reads still answer", async () => {
  let broken = false;
  let flushes = 0;
  const flush: Flush = (fd, done) => {
    flushes++;
    if (broken) setImmediate(() => done(Object.assign(new Error("input/output error"), { code: "EIO" })));
    else fdatasync(fd, done);
  };
  service = await startService({
    store: path.join(dir, "intake.sqlite"),
    host: "127.0.0.1",
    port: 0,
    flush,
    settings: {
      secret: TEST_SECRET,
      publicUrl: "http://localhost:3000",
      corsOrigins: [],
      limits: { anonymous: 1000, keyed: 1000, followup: 1000 },
      distDir: null,
      previewDir: null,
    },
  });
  const post = (i: number) =>
    fetch(`${service?.url}/open311/v2/requests.json`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...VALID_REPORT, description: `rapport ${i}` }),
    });

  const ok = await post(0);
  expect(ok.status).toBe(201);
  const [first] = (await ok.json()) as { service_request_id: string }[];

  broken = true;
  const answers = await Promise.all([1, 2, 3, 4].map(post));
  expect(answers.map((r) => r.status)).toEqual([503, 503, 503, 503]);
  const body = await answers[0]?.json();
  expect(body).toEqual([{ code: 503, description: "enregistrement momentanément impossible : réessayez plus tard" }]);

  const flushesAfterFailure = flushes;
  const later = await post(5);
  expect(later.status).toBe(503);
  expect(flushes).toBe(flushesAfterFailure);

  const read = await fetch(`${service.url}/open311/v2/requests/${first?.service_request_id}.json`);
  expect(read.status).toBe(200);
});
