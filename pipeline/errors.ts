import { ZodError } from "zod";
import "../schemas/locale.ts";
import { CliError, EXIT } from "./exit.ts";

export { CliError, EXIT };

/** Formats zod issues as `chemin : message` lines, without echoing the offending values. */
export function formatZodIssues(error: ZodError, options: { asOptions?: boolean } = {}): string {
  return error.issues
    .map((issue) => {
      const dotted = issue.path.map(String).join(".");
      const path = options.asOptions && dotted ? `--${dotted.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` : dotted;
      return path ? `  - ${path} : ${issue.message}` : `  - ${issue.message}`;
    })
    .join("\n");
}

/** Parses command options with a zod schema, turning failures into a usage error. */
export function parseOptions<T>(
  schema: { safeParse(input: unknown): { success: true; data: T } | { success: false; error: ZodError } },
  input: unknown,
): T {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new CliError(
      `Options invalides :\n${formatZodIssues(result.error, { asOptions: true })}`,
      EXIT.usage,
      "Voir l'aide : signalements <commande> --help",
    );
  }
  return result.data;
}

/** The one error handler: prints a readable message (never a stack for expected errors) and returns the exit code. */
export function reportError(error: unknown, write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): number {
  if (error instanceof CliError) {
    write(`Erreur : ${error.message}`);
    if (error.hint) write(`→ ${error.hint}`);
    return error.exitCode;
  }
  if (error instanceof ZodError) {
    write(`Erreur : données invalides\n${formatZodIssues(error)}`);
    return EXIT.data;
  }
  const message = error instanceof Error ? error.message : String(error);
  write(`Erreur inattendue : ${message}`);
  if (process.env.SIGNALEMENTS_DEBUG && error instanceof Error && error.stack) write(error.stack);
  return EXIT.failure;
}
