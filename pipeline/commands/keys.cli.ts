/** Registration of `keys create|list|revoke` (the work is in keys.ts, imported when it runs). */
import { DEFAULT_STORE } from "../root.ts";
import { ROLES } from "../service/lifecycle.ts";
import { lazyAction, type RegisterCommand } from "./index.ts";

const load = () => import("./keys.ts");

/** Registers `keys` and its subcommands. */
export const registerKeys: RegisterCommand = (program) => {
  const keys = program.command("keys").description("Clés d'API du service de réception (canaux de confiance, agents, directions)");
  keys
    .command("create")
    .description("Créer une clé (affichée une seule fois, conservée hachée)")
    .requiredOption("--role <rôle>", `rôle : ${ROLES.join(", ")}`)
    .requiredOption("--label <libellé>", "équipe ou application")
    .option("--district <quartier>", "quartier d'une direction de territoire")
    .option("--store <fichier>", "base de réception SQLite", DEFAULT_STORE)
    .action(lazyAction(load, (m, o: Record<string, unknown>) => m.runKeysCreate(o)));
  keys
    .command("list")
    .description("Lister les clés (jamais la clé elle-même)")
    .option("--store <fichier>", "base de réception SQLite", DEFAULT_STORE)
    .action(lazyAction(load, (m, o: Record<string, unknown>) => m.runKeysList(o)));
  keys
    .command("revoke <clé>")
    .description("Révoquer une clé par son numéro ou son préfixe")
    .option("--store <fichier>", "base de réception SQLite", DEFAULT_STORE)
    .action(lazyAction(load, (m, id: string, o: Record<string, unknown>) => m.runKeysRevoke(id, o)));
};
