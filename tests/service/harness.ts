/** A real intake service on 127.0.0.1 (random port) over a temporary store, for the service tests. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Role } from "../../pipeline/service/lifecycle.ts";
import { createKey } from "../../pipeline/service/secrets.ts";
import { type RunningService, startService } from "../../pipeline/service/server.ts";

/** The secret the test services sign follow-up tokens with. */
export const TEST_SECRET = "secret-de-test-0123456789abcdef";

/** A test service with helpers. */
export interface Harness {
  service: RunningService;
  dir: string;
  store: string;
  key(role: Role, label?: string, district?: string | null): string;
  request(
    method: string,
    url: string,
    options?: { body?: unknown; form?: Record<string, string>; headers?: Record<string, string> },
  ): Promise<Res>;
  dispose(): Promise<void>;
}

/** A response, read once. */
export interface Res {
  status: number;
  headers: Headers;
  json: unknown;
  text: string;
}

/** Starts a service; `limits` default to generous values so that only the rate-limit test meets them. */
export async function startHarness(
  options: { limits?: Partial<{ anonymous: number; keyed: number; followup: number }>; now?: () => Date } = {},
): Promise<Harness> {
  const dir = mkdtempSync(path.join(tmpdir(), "service-"));
  const store = path.join(dir, "intake.sqlite");
  const service = await startService({
    store,
    host: "127.0.0.1",
    port: 0,
    now: options.now,
    settings: {
      secret: TEST_SECRET,
      publicUrl: "http://localhost:3000",
      corsOrigins: ["https://carte.example.fr"],
      limits: { anonymous: 1000, keyed: 100_000, followup: 1000, ...options.limits },
      distDir: null,
      previewDir: null,
    },
  });
  return {
    service,
    dir,
    store,
    key: (role, label = `équipe ${role}`, district = null) =>
      createKey(service.ctx.repo.db, { role, label, district }, "2026-03-01T00:00:00Z").key,
    request: async (method, url, o = {}) => {
      const headers: Record<string, string> = { ...o.headers };
      let body: string | undefined;
      if (o.form) {
        headers["content-type"] = "application/x-www-form-urlencoded";
        body = new URLSearchParams(o.form).toString();
      } else if (o.body !== undefined) {
        headers["content-type"] = "application/json";
        body = typeof o.body === "string" ? o.body : JSON.stringify(o.body);
      }
      const res = await fetch(`${service.url}${url}`, { method, headers, body, redirect: "manual" });
      const text = await res.text();
      let json: unknown = null;
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
      return { status: res.status, headers: res.headers, json, text };
    },
    dispose: async () => {
      await service.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A valid synthetic web report in the Gare–Kléber district (no real person). */
export const VALID_REPORT = {
  service_code: "depot_sauvage",
  description: "Sacs déposés au pied de l'arbre",
  lat: 48.58,
  long: 7.75,
  address_string: "1 rue Fictive",
  first_name: "Camille",
  last_name: "Exemple",
  email: "camille@exemple.test",
  phone: "06 00 00 00 00",
  device: "web",
} as const;

/** Posts a report; returns its ticket and token. */
export async function submit(h: Harness, body: Record<string, unknown> = VALID_REPORT, headers: Record<string, string> = {}) {
  const res = await h.request("POST", "/open311/v2/requests.json", { body, headers });
  if (res.status !== 201) throw new Error(`POST ${res.status} ${res.text}`);
  const [first] = res.json as { service_request_id: string; token: string }[];
  return { ticket: first?.service_request_id as string, token: first?.token as string };
}
