#!/usr/bin/env node
/** Entry point of the `signalements` command-line tool (messages in French: its users are city staff). */
import { Command, type Option } from "commander";
import { commands } from "./commands/index.ts";
import { EXIT } from "./exit.ts";

/** Commander's built-in headings, in French. */
const TITLES: Record<string, string> = {
  "Usage:": "Utilisation :",
  "Options:": "Options :",
  "Commands:": "Commandes :",
  "Arguments:": "Arguments :",
  "Global Options:": "Options générales :",
};

/** Help in French: headings and "(par défaut : …)" instead of commander's English words. */
const frenchHelp = {
  styleTitle: (title: string) => TITLES[title] ?? title,
  optionDescription(option: Option): string {
    const shown = option.defaultValue !== undefined && (option.required || option.optional);
    const extra = shown ? ` (par défaut : ${option.defaultValueDescription ?? JSON.stringify(option.defaultValue)})` : "";
    return `${option.description}${extra}`;
  },
};

const COMMANDER_ERRORS: [RegExp, string][] = [
  [/^error: unknown command '(.*)'/, "Erreur : commande inconnue « $1 »"],
  [/^error: unknown option '(.*)'/, "Erreur : option inconnue « $1 »"],
  [/^error: missing required argument '(.*)'/, "Erreur : argument obligatoire manquant « $1 »"],
  [/^error: required option '(.*)' not specified/, "Erreur : option obligatoire manquante « $1 »"],
  [/^error: option '(.*)' argument missing/, "Erreur : valeur manquante pour l'option « $1 »"],
  [/^error: too many arguments.*/, "Erreur : trop d'arguments"],
];

/** Commander's usage errors, in French (the first line; the rest is kept). */
export function translateCommanderError(message: string): string {
  for (const [pattern, french] of COMMANDER_ERRORS) if (pattern.test(message)) return message.replace(pattern, french);
  return message;
}

/** Builds the commander program with every command registered. */
export function buildProgram(): Command {
  const program = new Command("signalements")
    .description("Signalements : chaîne de statistiques ouvertes sur les signalements des habitants")
    .helpOption("-h, --help", "afficher l'aide")
    .helpCommand("help [commande]", "afficher l'aide d'une commande")
    .showHelpAfterError("(ajoutez --help pour l'aide)")
    .exitOverride()
    .configureHelp(frenchHelp);
  program.configureOutput({
    writeErr: (s) => process.stderr.write(s),
    outputError: (message, write) => write(translateCommanderError(message)),
  });
  for (const register of commands) register(program);
  return program;
}

/** Runs the CLI with argv, returning the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "commander.helpDisplayed" || code === "commander.version" || code === "commander.help") return EXIT.ok;
    if (typeof code === "string" && code.startsWith("commander.")) return EXIT.usage;
    const { reportError } = await import("./errors.ts");
    return reportError(error instanceof Error ? error : new Error(String(error)));
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("pipeline/cli.ts")) {
  main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
