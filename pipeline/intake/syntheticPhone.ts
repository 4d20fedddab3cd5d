/** Writes a large synthetic call-desk export (Windows-1252, `;`, CRLF) for benchmarks and crash tests. Fake data only. */
import { createWriteStream } from "node:fs";
import iconv from "iconv-lite";
import { PHONE_HEADERS } from "../../schemas/channels/phone.ts";
import { pad } from "../core/time.ts";

const LABELS = [
  ["Voirie", "Nid de poule"],
  ["Propreté", "Dépôt sauvage"],
  ["Éclairage", "Lampadaire en panne"],
  ["Espaces verts", "Arbre dangereux"],
] as const;
const OUTCOMES = ["Signalement créé", "Information donnée", "Réorienté"] as const;
const DISTRICTS = ["Gare-Kléber", "Meinau", "Neuhof", ""] as const;

/** One synthetic row (deterministic from its index), every value obviously fake. */
export function syntheticPhoneRow(i: number): string {
  const [motif, sousMotif] = LABELS[i % LABELS.length] as readonly [string, string];
  const day = 1 + (i % 28);
  const hour = 8 + (i % 10);
  const minute = i % 60;
  return [
    `P-${String(i).padStart(8, "0")}`,
    `${pad(day)}/02/2026`,
    `${pad(hour)}:${pad(minute)}`,
    "Agent Exemple",
    motif,
    sousMotif,
    `${1 + (i % 99)} rue Exemple`,
    "67000",
    DISTRICTS[i % DISTRICTS.length],
    "Camille Exemple",
    `06 00 00 00 ${pad(i % 100)}`,
    i % 7 === 0 ? '"Appel de test; rappel demandé"' : "",
    OUTCOMES[i % OUTCOMES.length],
  ].join(";");
}

/** Writes `rows` rows to `file`, streaming, and resolves once flushed. */
export async function writeSyntheticPhoneCsv(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  const write = (text: string) =>
    new Promise<void>((resolve, reject) => {
      out.write(iconv.encode(text, "win1252"), (err) => (err ? reject(err) : resolve()));
    });
  await write(`${PHONE_HEADERS.join(";")}\r\n`);
  for (let start = 0; start < rows; start += 10_000) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(rows, start + 10_000); i++) lines.push(syntheticPhoneRow(i));
    await write(`${lines.join("\r\n")}\r\n`);
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}
