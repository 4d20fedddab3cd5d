/** Data defects found with real exports: each case is a synthetic file written by the test. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { runIngest } from "../commands/ingest.ts";

const NOW = "2026-04-01T00:00:00Z";
const BOM = "\uFEFF";
const BO_HEADER = "Référence;Origine;Réf. origine;Événement;Date événement;Service;Agent;Code résolution;Date prévue;Commentaire";
const PHONE_HEADER =
  "N° appel;Date appel;Heure;Agent;Motif;Sous-motif;Adresse;Code postal;Quartier;Nom appelant;Téléphone appelant;Commentaire;Suite donnée";
let dir: string;
let store: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "defects-"));
  store = path.join(dir, "intake.sqlite");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

async function ingest(source: string, p: string, extra: Record<string, unknown> = {}): Promise<string[]> {
  const out: string[] = [];
  await runIngest({ source, paths: [p], store, now: NOW, ...extra }, (l) => out.push(l));
  return out;
}

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(store, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const rejects = () =>
  query<{ file_name: string; line: number; field: string | null; reason: string }>(
    "select file_name, line, field, reason from rejects order by file_name, line",
  ).map((r) => [r.file_name, r.line, r.field, r.reason]);

function webLine(id: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    service_request_id: id,
    service_code: "nid_de_poule",
    description: "Trou exemple",
    lat: null,
    long: null,
    requested_datetime: "2026-03-10T09:15:00+01:00",
    device: "web",
    ...extra,
  });
}

const mboxMessage = (id: string, date: string, body: Buffer | string = "Bonjour.\n") =>
  Buffer.concat([
    Buffer.from(
      `From x@exemple.invalid Tue Mar 10 09:00:00 2026\nFrom: x@exemple.invalid\nMessage-ID: ${id}\nDate: ${date}\nSubject: Banc cass\u00e9\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n`,
    ),
    typeof body === "string" ? Buffer.from(body) : body,
    Buffer.from("\n"),
  ]);

describe("a closure dated before its reception is rejected whatever the file order and channel", () => {
  const closureBefore = (origin: string, ref: string) =>
    `${BOM}${BO_HEADER}\r\nSIG-1;${origin};${ref};Création;01/03/2026 09:00:00;;;;;\r\nSIG-1;${origin};${ref};Clôture;05/03/2026 10:00:00;VOIRIE;;REPARE;;\r\n`;
  const channel = {
    web: (): [string, string, string, string] => ["web", file("web.jsonl", `${webLine("W-1")}\n`), "web", "W-1"],
    email: (): [string, string, string, string] => [
      "email",
      file("mail.mbox", mboxMessage("<m1@exemple.invalid>", "Tue, 10 Mar 2026 10:00:00 +0100")),
      "courriel",
      "<m1@exemple.invalid>",
    ],
  };

  test.each([
    ["web", "channel first"],
    ["web", "back-office first"],
    ["email", "channel first"],
    ["email", "back-office first"],
  ] as const)("%s, %s", async (name, order) => {
    const [source, channelFile, origin, ref] = channel[name]();
    const bo = file("bo.csv", closureBefore(origin, ref));
    if (order === "channel first") {
      await ingest(source, channelFile);
      await ingest("backoffice", bo);
    } else {
      await ingest("backoffice", bo);
      await ingest(source, channelFile);
    }
    expect(rejects()).toEqual([["bo.csv", 3, "Date événement", "clôture antérieure à la réception"]]);
    expect(query("select event_type from status_events order by event_id")).toEqual([{ event_type: "received" }]);
  });
});

describe("one Création per back-office reference", () => {
  test("a second Création of the same reference is rejected; the identical file re-ingested stays idempotent", async () => {
    const bo = file(
      "bo.csv",
      `${BOM}${BO_HEADER}\r\nSIG-1;web;W-1;Création;10/03/2026 09:16:00;;;;;\r\nSIG-1;web;W-1;Création;11/03/2026 09:16:00;;;;;\r\nSIG-2;web;W-2;Création;10/03/2026 09:16:00;;;;;\r\n`,
    );
    await ingest("backoffice", bo);
    const again = await ingest(
      "backoffice",
      file("bo-again.csv", `${BOM}${BO_HEADER}\r\nSIG-1;web;W-1;Création;10/03/2026 09:16:00;;;;;\r\n`),
    );
    expect(rejects()).toEqual([["bo.csv", 3, "Référence", "création en double pour cette référence"]]);
    expect(again[0]).toBe("bo-again.csv : 1 lus, 0 insérés, 1 déjà présents, 0 rejetés");
    expect(query("select reference, occurred_at from status_events order by event_id")).toEqual([
      { reference: "SIG-1", occurred_at: "2026-03-10T08:16:00Z" },
      { reference: "SIG-2", occurred_at: "2026-03-10T08:16:00Z" },
    ]);
  });
});

describe("invalid UTF-8 is rejected by line, never decoded to U+FFFD nor turning the file to Windows-1252", () => {
  const bad = (text: string, at: number) => {
    const b = Buffer.from(text, "utf8");
    b[at] = 0xff;
    return b;
  };
  test.each([
    [
      "web",
      "web.jsonl",
      Buffer.concat([
        Buffer.from(`${webLine("W-1", { description: "Trou près de l'école" })}\n`),
        bad(`${webLine("W-2")}\n`, 30),
        Buffer.from(`${webLine("W-3")}\n`),
      ]),
      [["web.jsonl", 2, null, "encodage invalide : octets non UTF-8 à la position 31"]],
      "select description as text from reports where source_id = 'W-1'",
      "Trou près de l'école",
    ],
    [
      "phone",
      "appels.csv",
      Buffer.concat([
        Buffer.from(
          `${PHONE_HEADER}\r\nT-1;10/03/2026;09:15;;Voirie;Nid de poule;;;Gare-Kléber;;;Trou près de l'école;Signalement créé\r\n`,
        ),
        bad("T-2;10/03/2026;09:20;;Voirie;Nid de poule;;;;;;x;Signalement créé\r\n", 40),
      ]),
      [["appels.csv", 3, null, "encodage invalide : octets non UTF-8 à la position 41"]],
      "select description as text from reports where source_id = 'T-1'",
      "Trou près de l'école",
    ],
    [
      "backoffice",
      "bo.csv",
      Buffer.concat([
        Buffer.from(`${BOM}${BO_HEADER}\r\nSIG-1;web;W-1;Création;10/03/2026 09:16:00;;;;;Reçu à l'accueil\r\n`),
        bad("SIG-2;web;W-2;Création;10/03/2026 09:16:00;;;;;x\r\n", 5),
      ]),
      [["bo.csv", 3, null, "encodage invalide : octets non UTF-8 à la position 6"]],
      "select comment as text from status_events where reference = 'SIG-1'",
      "Reçu à l'accueil",
    ],
    [
      "email",
      "mail.mbox",
      Buffer.concat([
        mboxMessage("<m1@exemple.invalid>", "Tue, 10 Mar 2026 10:00:00 +0100", "Banc cassé près de l'école.\n"),
        mboxMessage("<m2@exemple.invalid>", "Tue, 10 Mar 2026 10:00:00 +0100", Buffer.from([0x42, 0x61, 0x6e, 0x63, 0xff, 0x0a])),
      ]),
      [["mail.mbox", 12, null, "encodage invalide : octets non UTF-8 dans le message"]],
      "select body as text from contacts where source_id = '<m1@exemple.invalid>'",
      "Banc cassé près de l'école.\n",
    ],
  ])("%s %s", async (source, name, content, wantRejects, sql, wantText) => {
    await ingest(source, file(name, content));
    expect(rejects()).toEqual(wantRejects);
    expect(query<{ text: string }>(sql)).toEqual([{ text: wantText }]);
    expect(query<{ n: number }>("select count(*) as n from reports where description like '%' || char(65533) || '%'")).toEqual([{ n: 0 }]);
  });
});

describe("ids are trimmed the same way on every channel and on Réf. origine", () => {
  test("' W-1 ' on the web and 'W-1' in the back-office are the same report", async () => {
    await ingest("web", file("web.jsonl", `${webLine(" W-1 ")}\n`));
    await ingest("backoffice", file("bo.csv", `${BOM}${BO_HEADER}\r\nSIG-1;web; W-1 ;Création;10/03/2026 09:16:00;;;;;\r\n`));
    expect(query("select source_id from reports")).toEqual([{ source_id: "W-1" }]);
    expect(
      query("select count(*) as n from status_events e join reports r on r.channel = e.origin_channel and r.source_id = e.origin_ref"),
    ).toEqual([{ n: 1 }]);
  });
});

describe("a conflicting re-ingest is reported, the identical one stays idempotent", () => {
  test.each([
    [
      "web",
      ["a.jsonl", `${webLine("W-1")}\n${webLine("W-2")}\n`],
      ["b.jsonl", `${webLine("W-1", { description: "Autre texte" })}\n${webLine("W-2")}\n`],
      [["b.jsonl", 1, "service_request_id", "contenu différent de l'enregistrement déjà chargé sous cet identifiant"]],
    ],
    [
      "phone",
      ["a.csv", `${PHONE_HEADER}\r\nT-1;10/03/2026;09:15;;Voirie;Nid de poule;;;;;;;Signalement créé\r\n`],
      ["b.csv", `${PHONE_HEADER}\r\nT-1;10/03/2026;09:45;;Voirie;Nid de poule;;;;;;;Signalement créé\r\n`],
      [["b.csv", 2, "N° appel", "contenu différent de l'enregistrement déjà chargé sous cet identifiant"]],
    ],
    [
      "backoffice",
      ["a.csv", `${BOM}${BO_HEADER}\r\nSIG-1;web;W-1;Affectation;10/03/2026 10:00:00;VOIRIE;;;;\r\n`],
      ["b.csv", `${BOM}${BO_HEADER}\r\nSIG-1;web;W-1;Affectation;10/03/2026 10:00:00;PROPRETE;;;;\r\n`],
      [["b.csv", 2, "Référence", "contenu différent de l'enregistrement déjà chargé sous cet identifiant"]],
    ],
  ])("%s", async (source, [aName, a], [bName, b], want) => {
    await ingest(source, file(aName as string, a as string));
    const same = await ingest(source, file(`same-${aName}`, a as string));
    expect(same.join("\n")).not.toContain("conflit");
    const out = await ingest(source, file(bName as string, b as string));
    expect(rejects()).toEqual(want);
    expect(out).toContain("  conflits avec un enregistrement déjà chargé : 1 (rejetés, voir : signalements rejects)");
  });
});

describe("line length is bounded", () => {
  test("a line over the limit is rejected with a clear reason, its raw text truncated; the next line is read", async () => {
    const long = webLine("W-1", { description: "x".repeat(5000) });
    await ingest("web", file("web.jsonl", `${long}\n${webLine("W-2")}\n`), { maxLineBytes: 1024 });
    expect(rejects()).toEqual([["web.jsonl", 1, null, "ligne trop longue (plus de 1 024 octets)"]]);
    expect(query<{ n: number }>("select length(raw) as n from rejects")).toEqual([{ n: 200 }]);
    expect(query("select source_id from reports")).toEqual([{ source_id: "W-2" }]);
  });

  test("every raw line kept in rejects is truncated to 200 characters", async () => {
    await ingest("web", file("web.jsonl", `${webLine("W-1", { device: "app", description: "y".repeat(900) })}\n`));
    expect(query<{ n: number }>("select length(raw) as n from rejects")).toEqual([{ n: 200 }]);
  });
});
