/** Registration of `publication list|show|approve|withhold` (the work is in publication.ts, imported when it runs). */
import type { Command } from "commander";
import { lazyAction, type RegisterCommand } from "./index.ts";

const load = () => import("./publication.ts");

const withLog = (cmd: Command) =>
  cmd.option("--decisions <fichier>", "journal des décisions (par défaut : config/decisions.jsonl ou SIGNALEMENTS_DECISIONS)");

/** Registers `publication` and its subcommands: no subcommand edits or deletes a recorded decision. */
export const registerPublication: RegisterCommand = (program) => {
  const publication = program
    .command("publication")
    .description("Décisions des élus sur les indicateurs publiés : lister, consulter, approuver, retenir, préparer la revue");
  withLog(publication.command("list").description("lister les indicateurs, leur empreinte et leur statut")).action(
    lazyAction(load, (m, raw: Record<string, unknown>) => m.runList(raw)),
  );
  withLog(
    publication.command("show").argument("<indicateur>").description("afficher la définition et l'historique d'un indicateur"),
  ).action(lazyAction(load, (m, id: string, raw: Record<string, unknown>) => m.runShow({ ...raw, id })));
  for (const [name, decision, text] of [
    ["approve", "approuve", "approuver la publication d'un indicateur (définition actuelle)"],
    ["withhold", "retenu", "retenir un indicateur : il n'est pas publié"],
  ] as const) {
    withLog(
      publication
        .command(name)
        .argument("<indicateur>")
        .description(text)
        .option("--par <qui>", "qui décide : « nom, fonction » (obligatoire)")
        .option("--ref <référence>", "délibération ou décision (obligatoire)")
        .option("--motif <texte>", "motif de la décision"),
    ).action(lazyAction(load, (m, id: string, raw: Record<string, unknown>) => m.runDecide(decision, { ...raw, id })));
  }
  withLog(
    publication
      .command("revue")
      .description("écrire la revue (Markdown) de ce que changerait la prochaine publication publique")
      .option("--exports <dossier>", "dossier des publications (preview et public)", "exports")
      .option("--sortie <fichier>", "fichier de la revue", "exports/revue-publication.md"),
  ).action(lazyAction(load, (m, raw: Record<string, unknown>) => m.runRevue(raw)));
};
