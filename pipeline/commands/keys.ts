/** `signalements keys create|revoke|list`: API keys of trusted channels and staff, printed once and stored hashed. */
import { existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { CliError, EXIT, parseOptions } from "../errors.ts";
import { openStore } from "../intake/db.ts";
import { loadReference } from "../reference.ts";
import { DEFAULT_STORE } from "../root.ts";
import { ROLES } from "../service/lifecycle.ts";
import { createKey, listKeys, revokeKey } from "../service/secrets.ts";

const storeOption = z.string().min(1).default(DEFAULT_STORE);

const createSchema = z.object({
  store: storeOption,
  role: z.enum(ROLES, { error: `--role : ${ROLES.join(", ")}` }),
  label: z.string().min(1, "--label : nom de l'équipe ou de l'application").max(200),
  district: z.string().optional(),
});

type Print = (line: string) => void;
const stdout: Print = (l) => process.stdout.write(`${l}\n`);

/** Creates a key and prints it once. */
export function runKeysCreate(raw: unknown, print: Print = stdout): string {
  const o = parseOptions(createSchema, raw);
  if (o.role === "district_director") {
    const known = loadReference().services.district_directors.map((d) => d.district);
    if (!o.district || !known.includes(o.district))
      throw new CliError("--district : quartier de la direction de territoire attendu", EXIT.usage, `Quartiers : ${known.join(", ")}`);
  }
  const db = openStore(o.store);
  try {
    const { key, keyId, prefix } = createKey(db, { role: o.role, label: o.label, district: o.district ?? null }, new Date().toISOString());
    print(`Clé n° ${keyId} (${o.role}, préfixe ${prefix}) créée. Elle ne sera plus jamais affichée :`);
    print(key);
    return key;
  } finally {
    db.close();
  }
}

/** Lists keys (prefix, role, label, dates; never the key). */
export function runKeysList(raw: unknown, print: Print = stdout): number {
  const o = parseOptions(z.object({ store: storeOption }), raw);
  if (!existsSync(o.store)) throw new CliError(`base de réception introuvable : ${path.basename(o.store)}`, EXIT.usage);
  const db = openStore(o.store);
  try {
    const keys = listKeys(db);
    print("n°   préfixe       rôle               libellé                        créée le               état");
    for (const k of keys)
      print(
        `${String(k.key_id).padEnd(4)} ${k.prefix.padEnd(13)} ${k.role.padEnd(18)} ${k.label.slice(0, 30).padEnd(30)} ${k.created_at.slice(0, 19).padEnd(22)} ${k.revoked_at ? `révoquée le ${k.revoked_at.slice(0, 10)}` : "active"}`,
      );
    return keys.length;
  } finally {
    db.close();
  }
}

/** Revokes a key by number or prefix. */
export function runKeysRevoke(id: string, raw: unknown, print: Print = stdout): void {
  const o = parseOptions(z.object({ store: storeOption }), raw);
  const db = openStore(o.store);
  try {
    if (revokeKey(db, id, new Date().toISOString()) === 0)
      throw new CliError(`aucune clé active « ${id} »`, EXIT.usage, "Voir : signalements keys list");
    print(`Clé « ${id} » révoquée.`);
  } finally {
    db.close();
  }
}
