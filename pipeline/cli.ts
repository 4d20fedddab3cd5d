#!/usr/bin/env node
/** Entry point of the `signalements` command-line tool (messages in French: its users are city staff). */
import { Command } from "commander";
import { commands } from "./commands/index.ts";
import { CliError, EXIT, reportError } from "./errors.ts";

/** Builds the commander program with every command registered. */
export function buildProgram(): Command {
  const program = new Command("signalements")
    .description("Signalements : chaîne de statistiques ouvertes sur les signalements des habitants")
    .helpOption("-h, --help", "afficher l'aide")
    .helpCommand("help [commande]", "afficher l'aide d'une commande")
    .showHelpAfterError("(ajoutez --help pour l'aide)")
    .exitOverride();
  program.configureOutput({
    writeErr: (s) => process.stderr.write(s),
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
    return reportError(error instanceof Error || error instanceof CliError ? error : new Error(String(error)));
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("pipeline/cli.ts")) {
  main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
