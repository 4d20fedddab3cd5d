import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { runIngest } from "../commands/ingest.ts";
import { runRejects } from "../commands/rejects.ts";
import { PROJECT_ROOT } from "../reference.ts";

const FIX = path.join(PROJECT_ROOT, "data", "fixtures", "ingest");
const NOW = "2026-04-01T00:00:00Z";
let dir: string;
let store: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "ingest-"));
  store = path.join(dir, "intake.sqlite");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function ingest(source: string, files: string[], extra: Record<string, unknown> = {}) {
  const out: string[] = [];
  const refused = await runIngest({ source, paths: files.map((f) => path.join(FIX, f)), store, now: NOW, ...extra }, (l) => out.push(l));
  return { out, refused };
}

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(store, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const rejectsOf = (file: string) =>
  query<{ line: number; field: string | null; reason: string }>(
    "select line, field, reason from rejects where file_name = ? order by line",
    file,
  ).map((r) => [r.line, r.field, r.reason]);

describe("bad-input corpus: exact reject per line", () => {
  test.each([
    [
      "web",
      "web.jsonl",
      [
        [4, null, "JSON invalide"],
        [5, "lat", "coordonnées hors de l'Eurométropole"],
        [6, "requested_datetime", "date dans le futur"],
        [7, "requested_datetime", "date antérieure à 2000"],
        [8, "service_request_id", "identifiant en double dans le fichier"],
        [9, "device", "canal « app » différent de la source demandée « web »"],
        [10, "long", "coordonnées incomplètes (lat et long vont ensemble)"],
        [11, "requested_datetime", "requested_datetime doit être une date ISO 8601 avec fuseau"],
        [12, null, "la ligne n'est pas un objet JSON"],
        [13, "service_code", "service_code manquant"],
      ],
    ],
    [
      "phone",
      "phone-cp1252.csv",
      [
        [7, "Heure", "heure inexistante (passage à l'heure d'été)"],
        [8, "Date appel", "date ou heure invalide"],
        [10, "N° appel", "identifiant en double dans le fichier"],
        [11, null, "nombre de colonnes incorrect (10 au lieu de 13)"],
        [12, "Suite donnée", "suite donnée inconnue"],
        [13, "Date appel", "date dans le futur"],
        [14, null, "ligne tronquée (guillemet non fermé)"],
      ],
    ],
    [
      "email",
      "email.mbox",
      [
        [32, "Message-ID", "en-tête Message-ID manquant"],
        [39, "Date", "en-tête Date illisible"],
        [47, "Message-ID", "identifiant en double dans le fichier"],
        [55, "Date", "date dans le futur"],
      ],
    ],
    ["phone", "phone-missing-column.csv", [[1, "Heure", "colonne obligatoire manquante : « Heure »"]]],
  ])("%s %s", async (source, file, expected) => {
    await ingest(source, [file]);
    expect(rejectsOf(file)).toEqual(expected);
  });

  test("back-office rows, with the web file loaded first so a closure before reception is detectable", async () => {
    await ingest("web", ["web.jsonl"]);
    await ingest("backoffice", ["backoffice.csv"]);
    expect(rejectsOf("backoffice.csv")).toEqual([
      [8, "Date événement", "clôture antérieure à la réception"],
      [9, "Service", "service inconnu"],
      [11, "Code résolution", "code de résolution inconnu pour une clôture"],
      [12, "Date événement", "date ou heure invalide"],
      [13, "Date événement", "heure inexistante (passage à l'heure d'été)"],
      [14, "Événement", "événement inconnu"],
      [15, "Date prévue", "date prévue invalide (attendu jj/mm/aaaa)"],
      [16, "Référence", "identifiant en double dans le fichier"],
      [17, "Origine", "origine inconnue"],
    ]);
  });
});

describe("what lands in the store", () => {
  test("web reports: UTC instant, category, fallback, district by point-in-polygon", async () => {
    const { out } = await ingest("web", ["web.jsonl"]);
    expect(query("select source_id, received_at, category_code, raw_category, district_code from reports order by source_id")).toEqual([
      {
        source_id: "W-0001",
        received_at: "2026-03-10T08:15:00Z",
        category_code: "nid_de_poule",
        raw_category: "nid_de_poule",
        district_code: "bourse_esplanade_krutenau",
      },
      {
        source_id: "W-0002",
        received_at: "2026-03-10T08:15:00Z",
        category_code: "tag_graffiti",
        raw_category: "PROP-03",
        district_code: null,
      },
      {
        source_id: "W-0003",
        received_at: "2026-03-10T08:15:00Z",
        category_code: "autre",
        raw_category: "inconnu_xyz",
        district_code: "bourse_esplanade_krutenau",
      },
    ]);
    expect(out[0]).toBe("web.jsonl : 13 lus, 3 insérés, 0 déjà présents, 10 rejetés");
    expect(out).toContain("    - catégorie inconnue, rangée dans la catégorie de repli : 1");
  });

  test("phone: every call is a contact, created reports carry category, district, quoted multi-line comment", async () => {
    await ingest("phone", ["phone-cp1252.csv"]);
    expect(query("select source_id, received_at, outcome, category_code from contacts order by source_id")).toEqual([
      { source_id: "T-0001", received_at: "2026-03-10T08:15:00Z", outcome: "Signalement créé", category_code: "nid_de_poule" },
      { source_id: "T-0002", received_at: "2026-03-10T08:20:00Z", outcome: "Information donnée", category_code: "corbeille_pleine" },
      { source_id: "T-0003", received_at: "2026-03-10T09:05:00Z", outcome: "Signalement créé", category_code: "eclairage_en_panne" },
      { source_id: "T-0004", received_at: "2026-03-10T08:30:00Z", outcome: "Signalement créé", category_code: "autre" },
      { source_id: "T-0007", received_at: "2026-03-10T08:00:00Z", outcome: "Réorienté", category_code: "nid_de_poule" },
    ]);
    expect(query("select source_id, district_code, reporter_name, description from reports order by source_id")).toEqual([
      { source_id: "T-0001", district_code: "gare_kleber", reporter_name: "Camille Exemple", description: "Trou dangereux" },
      {
        source_id: "T-0003",
        district_code: "neudorf_musau_port_du_rhin",
        reporter_name: "Alex Exemple",
        description: 'Lampadaire éteint;\ndepuis deux nuits "au moins"',
      },
      { source_id: "T-0004", district_code: null, reporter_name: "Sam Exemple", description: null },
    ]);
  });

  test.each([
    ["phone-cp1252.csv", "T-0001", "Gare-Kléber", "gare_kleber"],
    ["phone-utf8.csv", "V-0001", "Gare-Kléber", "gare_kleber"],
    ["phone-utf8-bom-comma.csv", "U-0001", "Meinau", "meinau"],
  ])("encoding detected in %s: accented labels decode", async (file, id, _quartier, district) => {
    await ingest("phone", [file]);
    expect(query("select district_code, raw_category from reports where source_id = ?", id)).toEqual([
      { district_code: district, raw_category: id === "U-0001" ? "Éclairage / Lampadaire en panne" : "Voirie / Nid de poule" },
    ]);
  });

  test("email: encoded words, quoted-printable, base64 multipart, mboxrd unescaping", async () => {
    await ingest("email", ["email.mbox"]);
    expect(query("select source_id, received_at, category_code, subject, body from contacts order by source_id")).toEqual([
      {
        source_id: "<m1@exemple.invalid>",
        received_at: "2026-03-10T09:00:00Z",
        category_code: "eclairage_en_panne",
        subject: "Lampadaire éteint rue Exemple",
        body: "Bonjour, le lampadaire est éteint depuis hier.\n",
      },
      {
        source_id: "<m2@exemple.invalid>",
        received_at: "2026-03-10T11:00:00Z",
        category_code: null,
        subject: "Question générale",
        body: "Bonjour,\nJ'ai une question générale sur la mairie.\n",
      },
      {
        source_id: "<m7@exemple.invalid>",
        received_at: "2026-03-10T16:00:00Z",
        category_code: "mobilier_degrade",
        subject: "Banc cassé rue Exemple",
        body: "Bonjour,\nFrom the park: le banc est cassé.\n>From again.\n",
      },
    ]);
  });

  test("back-office: event fields, complaint reason, planned date, multi-line comment", async () => {
    await ingest("backoffice", ["backoffice.csv"]);
    expect(
      query(
        "select reference, event_type, occurred_at, service_code, resolution_code, planned_date, complaint_reason, comment from status_events where reference = 'SIG-1' order by occurred_at",
      ),
    ).toEqual([
      {
        reference: "SIG-1",
        event_type: "received",
        occurred_at: "2026-03-10T08:16:00Z",
        service_code: null,
        resolution_code: null,
        planned_date: null,
        complaint_reason: null,
        comment: null,
      },
      {
        reference: "SIG-1",
        event_type: "routed",
        occurred_at: "2026-03-10T09:00:00Z",
        service_code: "VOIRIE",
        resolution_code: null,
        planned_date: null,
        complaint_reason: null,
        comment: null,
      },
      {
        reference: "SIG-1",
        event_type: "scheduled",
        occurred_at: "2026-03-11T07:00:00Z",
        service_code: "VOIRIE",
        resolution_code: null,
        planned_date: "2026-03-20",
        complaint_reason: null,
        comment: "Passage prévu",
      },
      {
        reference: "SIG-1",
        event_type: "closed",
        occurred_at: "2026-03-18T15:00:00Z",
        service_code: "VOIRIE",
        resolution_code: "REPARE",
        planned_date: null,
        complaint_reason: null,
        comment: "Trou rebouché;\nrue Exemple",
      },
      {
        reference: "SIG-1",
        event_type: "complaint",
        occurred_at: "2026-03-19T07:00:00Z",
        service_code: null,
        resolution_code: null,
        planned_date: null,
        complaint_reason: "trop_lent",
        comment: "Habitant mécontent",
      },
    ]);
  });
});

describe("idempotency, ordering, dry run, privacy", () => {
  test("the same file twice changes nothing and counts everything as already present", async () => {
    await ingest("phone", ["phone-cp1252.csv"]);
    const snapshot = () =>
      query("select (select count(*) from reports) r, (select count(*) from contacts) c, (select count(*) from rejects) j");
    const before = snapshot();
    const { out } = await ingest("phone", ["phone-cp1252.csv"]);
    expect(snapshot()).toEqual(before);
    expect(out[0]).toBe("phone-cp1252.csv : 12 lus, 0 insérés, 5 déjà présents, 7 rejetés");
  });

  test("events before their report are kept and join once the report arrives", async () => {
    await ingest("backoffice", ["backoffice.csv"]);
    const joined = () =>
      query<{ n: number }>(
        "select count(*) n from status_events e join reports r on r.channel = e.origin_channel and r.source_id = e.origin_ref",
      )[0]?.n;
    expect(joined()).toBe(0);
    expect(query("select count(*) n from status_events where origin_ref = 'W-0001'")).toEqual([{ n: 5 }]);
    await ingest("web", ["web.jsonl"]);
    // 5 events of W-0001; the closure of W-0002, dated before the reception that arrived later, moved to the rejects
    expect(joined()).toBe(5);
    expect(query("select file_name, line, field, reason from rejects where file_name = 'backoffice.csv' and line = 8")).toEqual([
      { file_name: "backoffice.csv", line: 8, field: "Date événement", reason: "clôture antérieure à la réception" },
    ]);
  });

  test("dry run validates and counts but writes nothing", async () => {
    const { out } = await ingest("phone", ["phone-cp1252.csv"], { dryRun: true });
    expect(existsSync(store)).toBe(false);
    expect(out[0]).toBe("phone-cp1252.csv (simulation, rien n'est écrit) : 12 lus, 5 à insérer, 0 déjà présents, 7 rejetés");
  });

  test("console output never holds the personal content of rejected lines", async () => {
    const lines = [
      ...(await ingest("web", ["web.jsonl"])).out,
      ...(await ingest("phone", ["phone-cp1252.csv"])).out,
      ...(await ingest("email", ["email.mbox"])).out,
    ];
    const listed: string[] = [];
    runRejects({ store, limit: 100 }, (l) => listed.push(l));
    const text = [...lines, ...listed].join("\n");
    for (const personal of [
      "Exemple",
      "exemple.invalid",
      "06 00 00 00",
      "Trou",
      "Commentaire jamais fermé",
      "Rio",
      "Appel de nuit",
      "W-0005",
      "43.29",
    ]) {
      expect(text).not.toContain(personal);
    }
  });

  test("rejects --out exports the raw lines for the people who fix sources", async () => {
    await ingest("phone", ["phone-cp1252.csv"]);
    const out = path.join(dir, "rejets.csv");
    runRejects({ store, source: "phone", out }, () => {});
    const csv = readFileSync(out, "utf8");
    expect(csv.split("\r\n")[0]).toBe("\uFEFFsource;fichier;ligne;champ;motif;date_chargement;ligne_brute");
    expect(csv).toContain("phone;phone-cp1252.csv;11;;nombre de colonnes incorrect (10 au lieu de 13);");
    expect(csv).toContain("T-0009;10/03/2026;09:00;Agent Exemple;Voirie;Nid de poule;;;;Max Exemple");
  });
});
