/** Exit codes and the CLI's error type, without dependencies (the CLI imports them before any command). */

/** Exit codes of the CLI. */
export const EXIT = { ok: 0, failure: 1, usage: 2, data: 3, checks: 4 } as const;

/** An error meant for the person at the terminal: a French message, what to do, an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
    readonly hint?: string,
  ) {
    super(message);
    this.name = "CliError";
  }
}
