/** Open311 GeoReport v2 over real HTTP on 127.0.0.1: submissions, validation, idempotent retries, paging, privacy. */
import { createHmac } from "node:crypto";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Harness, startHarness, submit, TEST_SECRET, VALID_REPORT } from "./harness.ts";

let h: Harness;
const clock = { ms: Date.parse("2026-03-10T09:00:00Z") };
const POST = "/open311/v2/requests.json";
const TICKET = /^SIG-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/;

beforeAll(async () => {
  h = await startHarness({ now: () => new Date(clock.ms) });
});
afterAll(() => h.dispose());

const count = (sql: string) => (h.service.ctx.repo.db.prepare(sql).get() as { n: number }).n;

describe("POST requests.json", () => {
  test("a valid report is stored in the batch tables with its received event, ticket and acknowledgement", async () => {
    const res = await h.request("POST", POST, { body: VALID_REPORT });
    expect(res.status).toBe(201);
    const [ack] = res.json as Record<string, unknown>[];
    const ticket = ack?.service_request_id as string;
    expect(ticket).toMatch(TICKET);
    const token = createHmac("sha256", TEST_SECRET).update(`suivi:${ticket}`).digest("base64url");
    expect(ack).toEqual({
      service_request_id: ticket,
      service_notice: `Signalement n° ${ticket} bien reçu. Conservez votre code de suivi : il est le seul moyen de suivre votre demande.`,
      account_id: null,
      token,
      followup_url: `http://localhost:3000/suivi/${ticket}?jeton=${token}`,
    });
    const db = new Database(h.store, { readonly: true });
    expect(db.prepare("select * from reports where source_id = ?").get(ticket)).toEqual({
      report_id: expect.any(Number),
      channel: "web",
      source_id: ticket,
      received_at: "2026-03-10T09:00:00Z",
      category_code: "depot_sauvage",
      raw_category: "depot_sauvage",
      service_code: null,
      lat: 48.58,
      lon: 7.75,
      district_code: "gare_kleber",
      address: "1 rue Fictive",
      reporter_name: "Camille Exemple",
      reporter_email: "camille@exemple.test",
      reporter_phone: "06 00 00 00 00",
      description: "Sacs déposés au pied de l'arbre",
      media_url: null,
      run_id: null,
    });
    expect(db.prepare("select source, reference, origin_channel, origin_ref, event_type, occurred_at from status_events").all()).toEqual([
      {
        source: "api",
        reference: ticket,
        origin_channel: "web",
        origin_ref: ticket,
        event_type: "received",
        occurred_at: "2026-03-10T09:00:00Z",
      },
    ]);
    const ticketRow = db.prepare("select token_hash from tickets where ticket = ?").get(ticket) as { token_hash: string };
    expect(ticketRow.token_hash).toHaveLength(64);
    expect(ticketRow.token_hash).not.toContain(token);
    expect(db.prepare("select recipient, subject, status from outbox").all()).toEqual([
      { recipient: "camille@exemple.test", subject: `Signalement ${ticket} : bien reçu`, status: "pending" },
    ]);
    db.close();
  });

  test("form-encoded bodies (the GeoReport v2 form) are accepted, numbers included", async () => {
    const res = await h.request("POST", POST, {
      form: { service_code: "PROP-01", lat: "48.58", long: "7.75", description: "Formulaire", device: "app" },
    });
    expect(res.status).toBe(201);
    const ticket = (res.json as { service_request_id: string }[])[0]?.service_request_id;
    expect(h.service.ctx.repo.db.prepare("select channel, category_code, lat from reports where source_id = ?").get(ticket)).toEqual({
      channel: "app",
      category_code: "depot_sauvage",
      lat: 48.58,
    });
  });

  test.each([
    ["no service_code", { lat: 48.58, long: 7.75 }, 400, "service_code : service_code manquant"],
    ["unknown service_code", { service_code: "inconnu" }, 400, "service_code : service inconnu (voir services.json)"],
    ["latitude out of range", { service_code: "depot_sauvage", lat: 200, long: 7.75 }, 400, "lat : lat hors limites"],
    [
      "latitude without longitude",
      { service_code: "depot_sauvage", lat: 48.58 },
      400,
      "long : coordonnées incomplètes (lat et long vont ensemble)",
    ],
    ["point outside the metro area", { service_code: "depot_sauvage", lat: 45, long: 5 }, 400, "lat : coordonnées hors de l'Eurométropole"],
    ["bad e-mail", { service_code: "depot_sauvage", email: "pas-une-adresse" }, 400, "email : adresse de courriel invalide"],
    ["unknown device", { service_code: "depot_sauvage", device: "fax" }, 400, "device : device doit valoir « web » ou « app »"],
    [
      "date in the future",
      { service_code: "depot_sauvage", requested_datetime: "2026-03-11T09:00:00+01:00" },
      400,
      "requested_datetime : date dans le futur",
    ],
    ["truncated JSON", '{"service_code":', 400, "requête illisible (JSON ou formulaire invalide)"],
    [
      "a body over 64 KiB",
      { service_code: "depot_sauvage", description: "x".repeat(70_000) },
      413,
      "corps de requête trop volumineux (64 Kio au plus)",
    ],
  ])("%s is refused in the Open311 error format, nothing stored", async (_name, body, code, description) => {
    const before = count("select count(*) n from reports");
    const res = await h.request("POST", POST, { body });
    expect(res.status).toBe(code);
    expect(res.json).toEqual([{ code, description }]);
    expect(res.text).not.toContain("pas-une-adresse");
    expect(count("select count(*) n from reports")).toBe(before);
  });

  test("a retry with the same Idempotency-Key returns the original id and stores one report", async () => {
    const before = count("select count(*) n from reports");
    const mails = count("select count(*) n from outbox");
    const headers = { "idempotency-key": "essai-0001-abcd" };
    const first = await submit(h, { ...VALID_REPORT, description: "premier envoi" }, headers);
    const res = await h.request("POST", POST, { body: { ...VALID_REPORT, description: "renvoi modifié" }, headers });
    expect(res.status).toBe(201);
    expect(res.headers.get("idempotent-replayed")).toBe("true");
    expect((res.json as { service_request_id: string; token: string }[])[0]).toMatchObject({
      service_request_id: first.ticket,
      token: first.token,
    });
    expect(count("select count(*) n from reports")).toBe(before + 1);
    expect(count("select count(*) n from outbox")).toBe(mails + 1);
  });

  test("without a key, the same body the same day is one report; another body is another report", async () => {
    const body = { ...VALID_REPORT, description: "double clic" };
    const a = await submit(h, body);
    const b = await submit(h, body);
    const c = await submit(h, { ...body, description: "autre chose" });
    expect(b.ticket).toBe(a.ticket);
    expect(c.ticket).not.toBe(a.ticket);
  });

  test("api keys: unknown → 401, a staff key → 403, a channel key → 201", async () => {
    const unknown = await h.request("POST", POST, { body: { ...VALID_REPORT, api_key: `sig_${"A".repeat(43)}` } });
    expect([unknown.status, unknown.json]).toEqual([401, [{ code: 401, description: "api_key inconnue ou révoquée" }]]);
    const agent = await h.request("POST", POST, { body: { ...VALID_REPORT, api_key: h.key("agent") } });
    expect([agent.status, agent.json]).toEqual([403, [{ code: 403, description: "cette clé ne permet pas de déposer des demandes" }]]);
    const channel = await h.request("POST", POST, { body: { ...VALID_REPORT, description: "par l'appli", api_key: h.key("channel") } });
    expect(channel.status).toBe(201);
  });
});

describe("public GETs", () => {
  let late: string[] = [];
  let sensitive: string;
  beforeAll(async () => {
    clock.ms = Date.parse("2026-04-01T08:00:00Z");
    late = [];
    for (let i = 0; i < 5; i++) {
      clock.ms += 60_000;
      late.push((await submit(h, { ...VALID_REPORT, service_code: "nid_de_poule", description: `trou ${i}` })).ticket);
    }
    sensitive = (await submit(h, { ...VALID_REPORT, service_code: "nuisance_voisinage", description: "bruit" })).ticket;
  });

  test("a request shows its stage and service, and no personal data at all", async () => {
    const id = late[0] as string;
    const res = await h.request("GET", `/open311/v2/requests/${id}.json`);
    expect(res.json).toEqual([
      {
        service_request_id: id,
        status: "open",
        status_description: "Reçu",
        service_code: "nid_de_poule",
        service_name: "Nid-de-poule, chaussée dégradée",
        agency_responsible: "Voirie et ouvrages",
        requested_datetime: "2026-04-01T08:01:00Z",
        updated_datetime: "2026-04-01T08:01:00Z",
        expected_datetime: null,
        quartier: "gare_kleber",
      },
    ]);
    const list = await h.request("GET", "/open311/v2/requests.json?page_size=200");
    for (const text of [res.text, list.text])
      for (const personal of ["Camille", "Exemple", "exemple.test", "06 00", "Fictive", "trou", "48.58", "7.75"])
        expect(text).not.toContain(personal);
  });

  test("sensitive categories are neither listed nor shown", async () => {
    const one = await h.request("GET", `/open311/v2/requests/${sensitive}.json`);
    expect([one.status, one.json]).toEqual([404, [{ code: 404, description: "demande introuvable ou non publique" }]]);
    const list = await h.request("GET", "/open311/v2/requests.json?page_size=200&service_code=nuisance_voisinage");
    expect(list.json).toEqual([]);
  });

  test("paging, newest first, and filters by service, dates and status", async () => {
    const ids = async (q: string) =>
      ((await h.request("GET", `/open311/v2/requests.json?${q}`)).json as { service_request_id: string }[]).map(
        (r) => r.service_request_id,
      );
    const q = "service_code=nid_de_poule&page_size=2";
    expect(await ids(`${q}&page=1`)).toEqual([late[4], late[3]]);
    expect(await ids(`${q}&page=2`)).toEqual([late[2], late[1]]);
    expect(await ids(`${q}&page=3`)).toEqual([late[0]]);
    expect(await ids(`${q}&page=4`)).toEqual([]);
    expect(await ids("start_date=2026-04-01T10:02:00%2B02:00&end_date=2026-04-01T08:04:00Z")).toEqual([late[2], late[1]]);
    expect(await ids("service_code=nid_de_poule&status=closed")).toEqual([]);
    expect((await ids("service_code=nid_de_poule&status=open")).length).toBe(5);
  });

  test.each([
    ["page_size=500", "page_size : page_size entre 1 et 200"],
    ["page=0", "page : page commence à 1"],
    ["status=ferme", "status : status doit valoir « open » ou « closed »"],
    ["start_date=hier", "start_date : start_date doit être une date ISO 8601 avec fuseau"],
  ])("query %s → 400", async (query, description) => {
    const res = await h.request("GET", `/open311/v2/requests.json?${query}`);
    expect([res.status, res.json]).toEqual([400, [{ code: 400, description }]]);
  });

  test("services.json lists the taxonomy; services/{code}.json describes one; unknown → 404", async () => {
    const services = (await h.request("GET", "/open311/v2/services.json")).json as { service_code: string }[];
    expect(services.map((s) => s.service_code)).toEqual(h.service.ctx.ref.taxonomy.categories.map((c) => c.code));
    expect((await h.request("GET", "/open311/v2/services/nid_de_poule.json")).json).toEqual({
      service_code: "nid_de_poule",
      attributes: [],
    });
    expect((await h.request("GET", "/open311/v2/services/rien.json")).status).toBe(404);
  });

  test("secure headers, and CORS only for the configured origin", async () => {
    const ok = await h.request("OPTIONS", POST, {
      headers: { origin: "https://carte.example.fr", "access-control-request-method": "POST" },
    });
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://carte.example.fr");
    const other = await h.request("GET", "/open311/v2/services.json", { headers: { origin: "https://ailleurs.example" } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    expect(other.headers.get("x-content-type-options")).toBe("nosniff");
    expect(other.headers.get("x-frame-options")).toBe("SAMEORIGIN");
  });
});

test("anonymous submissions are rate limited per address; a channel key is not held by that limit", async () => {
  const limited = await startHarness({ limits: { anonymous: 2 } });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await limited.request("POST", POST, { body: { ...VALID_REPORT, description: `n${i}` } })).status);
    const refused = await limited.request("POST", POST, { body: { ...VALID_REPORT, description: "n3" } });
    const keyed = await limited.request("POST", POST, { body: { ...VALID_REPORT, description: "n4", api_key: limited.key("channel") } });
    expect(statuses).toEqual([201, 201, 429]);
    expect(refused.json).toEqual([{ code: 429, description: "trop de requêtes : réessayez dans une minute" }]);
    expect(keyed.status).toBe(201);
  } finally {
    await limited.dispose();
  }
});
