/** Resident follow-up over real HTTP: nothing without the token; stages, contact, resolution; complaint reopens; thanks. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Harness, startHarness, submit } from "./harness.ts";

let h: Harness;
let agent: string;
let director: string;
const clock = { ms: Date.parse("2026-03-02T08:00:00Z") };

beforeAll(async () => {
  h = await startHarness({ now: () => new Date(clock.ms) });
  agent = h.key("agent", "Équipe éclairage");
  director = h.key("district_director", "Direction Gare-Kléber", "gare_kleber");
});
afterAll(() => h.dispose());

async function act(ticket: string, body: unknown, key = agent) {
  clock.ms += 86_400_000;
  const res = await h.request("POST", `/agent/v1/requests/${ticket}/events`, { body, headers: { "x-api-key": key } });
  if (res.status !== 201) throw new Error(`${res.status} ${res.text}`);
}

async function closedReport(): Promise<{ ticket: string; token: string }> {
  clock.ms = Date.parse("2026-03-02T08:00:00Z");
  const r = await submit(h, {
    service_code: "eclairage_en_panne",
    lat: 48.58,
    long: 7.75,
    email: "sacha@exemple.test",
    description: String(Math.random()),
  });
  await act(r.ticket, { action: "acknowledge" });
  await act(r.ticket, { action: "route", service_code: "ECLAIRAGE" });
  await act(r.ticket, { action: "schedule", planned_date: "2026-03-09" });
  await act(r.ticket, { action: "close", resolution_code: "REPARE", public_note: "Ampoule changée <rue> & mât vérifié." });
  return r;
}

describe("looking a report up", () => {
  let r: { ticket: string; token: string };
  beforeAll(async () => {
    r = await closedReport();
  });

  test("with the token: service, public contact, every stage with dates, planned date and resolution note", async () => {
    const res = await h.request("GET", `/suivi/${r.ticket}.json`, { headers: { "x-jeton-suivi": r.token } });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.json).toEqual({
      ticket: r.ticket,
      categorie: "Lampadaire éteint ou endommagé",
      statut: "closed",
      etape: "Clôturé",
      service: { label: "Éclairage public", email: "eclairage@signalements.example.fr", phone: "03 88 60 92 92" },
      date_prevue: "2026-03-09",
      resolution: { code: "REPARE", note: "Ampoule changée <rue> & mât vérifié.", date: "2026-03-06T08:00:00Z" },
      etapes: [
        { etape: "Reçu", date: "2026-03-02T08:00:00Z", motif: null },
        { etape: "Pris en compte", date: "2026-03-03T08:00:00Z", motif: null },
        { etape: "Transmis au service compétent", date: "2026-03-04T08:00:00Z", motif: null },
        { etape: "Intervention programmée", date: "2026-03-05T08:00:00Z", motif: null },
        { etape: "Clôturé", date: "2026-03-06T08:00:00Z", motif: null },
      ],
      retour_possible: true,
    });
  });

  test("the French page shows the same, escaped, in Paris time, with the feedback forms", async () => {
    const res = await h.request("GET", `/suivi/${r.ticket}?jeton=${r.token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    for (const fragment of [
      '<html lang="fr">',
      `<h1>Signalement n° ${r.ticket}</h1>`,
      "<dt>Éclairage public</dt>",
      "Téléphone : 03 88 60 92 92",
      "<li>Reçu — 02/03/2026 à 09:00</li>",
      "Intervention prévue le 09/03/2026.",
      "<p>Ampoule changée &lt;rue&gt; &amp; mât vérifié.</p>",
      `<form method="post" action="/suivi/${r.ticket}/retour">`,
      "Envoyer une réclamation (le signalement sera rouvert)",
    ])
      expect(res.text).toContain(fragment);
  });

  test.each([
    ["no token", {}],
    ["a wrong token", { "x-jeton-suivi": "pas-le-bon-jeton" }],
  ])("%s: 404 and nothing about the report", async (_name, headers) => {
    const json = await h.request("GET", `/suivi/${r.ticket}.json`, { headers });
    expect([json.status, json.json]).toEqual([404, [{ code: 404, description: "signalement introuvable ou code de suivi incorrect" }]]);
    const page = await h.request("GET", `/suivi/${r.ticket}`, { headers });
    expect(page.status).toBe(404);
    expect(page.text).not.toContain("Éclairage");
    const feedback = await h.request("POST", `/suivi/${r.ticket}/retour`, { body: { type: "remerciement" }, headers });
    expect(feedback.status).toBe(404);
  });

  test("another ticket's token does not open this one", async () => {
    const other = await submit(h, { service_code: "tag_graffiti", description: "autre" });
    const res = await h.request("GET", `/suivi/${r.ticket}.json?jeton=${other.token}`);
    expect(res.status).toBe(404);
  });
});

describe("feedback after closure", () => {
  test("a complaint reopens the report, which goes back to work and can be closed again", async () => {
    const r = await closedReport();
    clock.ms += 86_400_000;
    const res = await h.request("POST", `/suivi/${r.ticket}/retour`, {
      body: { type: "reclamation", motif: "partiel", jeton: r.token, commentaire: "Un seul lampadaire réparé" },
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ statut: "open", etape: "Rouvert", retour_possible: false });
    const db = h.service.ctx.repo.db;
    expect(
      db
        .prepare(
          "select event_type, complaint_reason, comment from status_events where origin_ref = ? and event_id > (select max(event_id) from status_events where origin_ref = ? and event_type = 'closed')",
        )
        .all(r.ticket, r.ticket),
    ).toEqual([
      { event_type: "complaint", complaint_reason: "partiel", comment: "Un seul lampadaire réparé" },
      { event_type: "reopened", complaint_reason: null, comment: null },
    ]);
    const again = await h.request("POST", `/suivi/${r.ticket}/retour`, { body: { type: "remerciement", jeton: r.token } });
    expect([again.status, again.json]).toEqual([
      409,
      [{ code: 409, description: "un retour n'est possible qu'après la clôture du signalement" }],
    ]);
    await act(r.ticket, { action: "start" });
    await act(r.ticket, { action: "close", resolution_code: "REPARE", public_note: "Second lampadaire réparé." });
    const open311 = await h.request("GET", `/open311/v2/requests/${r.ticket}.json`);
    expect(open311.json).toMatchObject([{ status: "closed", status_description: "Clôturé" }]);
  });

  test("thanks from the page's form are recorded and the browser is sent back to the page", async () => {
    const r = await closedReport();
    const res = await h.request("POST", `/suivi/${r.ticket}/retour`, {
      form: { type: "remerciement", jeton: r.token, commentaire: "Merci !" },
      headers: { accept: "text/html" },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/suivi/${r.ticket}?jeton=${r.token}`);
    const events = h.service.ctx.repo.db
      .prepare("select event_type, comment from status_events where origin_ref = ? order by event_id desc limit 1")
      .all(r.ticket);
    expect(events).toEqual([{ event_type: "thanks", comment: "Merci !" }]);
    const view = await h.request("GET", `/suivi/${r.ticket}.json?jeton=${r.token}`);
    expect(view.json).toMatchObject({ statut: "closed", etape: "Clôturé" });
  });

  test.each([
    [{ type: "reclamation", motif: "bof" }, "motif : motif doit valoir trop_lent, partiel ou non_fait"],
    [{ type: "bravo" }, "type : type doit valoir « reclamation » ou « remerciement »"],
  ])("invalid feedback %j → 400", async (body, description) => {
    const r = await closedReport();
    const res = await h.request("POST", `/suivi/${r.ticket}/retour`, { body: { ...body, jeton: r.token } });
    expect([res.status, res.json]).toEqual([400, [{ code: 400, description }]]);
  });

  test("a director's escalation shows the district director's office as the contact", async () => {
    clock.ms = Date.parse("2026-03-02T08:00:00Z");
    const r = await submit(h, { service_code: "nid_de_poule", lat: 48.58, long: 7.75, description: "escalade" });
    await act(r.ticket, { action: "acknowledge" });
    await act(r.ticket, { action: "escalate" });
    const view = await h.request("GET", `/suivi/${r.ticket}.json?jeton=${r.token}`);
    expect(view.json).toMatchObject({
      etape: "Transmis à la direction de territoire",
      service: { label: "Direction de territoire Gare-Kléber", email: "dt-gare-kleber@signalements.example.fr", phone: "03 88 60 80 04" },
    });
    await act(r.ticket, { action: "start" }, director);
  });
});
