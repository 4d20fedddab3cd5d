/**
 * Every command of the CLI. A registration declares name, description and options only; the module
 * doing the work is imported when the command runs, so that `signalements --help` stays fast.
 * To add a command: write `foo.ts` (its action) and `foo.cli.ts` (its registration with `lazyAction`),
 * then list the registration below.
 */
import type { Command } from "commander";
import { registerDashboard } from "./dashboard.cli.ts";
import { registerDemo } from "./demo.cli.ts";
import { registerGenerate } from "./generate.cli.ts";
import { registerHealth } from "./health.cli.ts";
import { registerIngest } from "./ingest.cli.ts";
import { registerKeys } from "./keys.cli.ts";
import { registerPublication } from "./publication.cli.ts";
import { registerRejects } from "./rejects.cli.ts";
import { registerRelease } from "./release.cli.ts";
import { registerRun } from "./run.cli.ts";
import { registerServe } from "./serve.cli.ts";

/** Registers one command on the program. */
export type RegisterCommand = (program: Command) => void;

/** An action that imports its module only when the command runs, then calls `run` with it and commander's arguments. */
export function lazyAction<M, A extends unknown[]>(
  load: () => Promise<M>,
  run: (module: M, ...args: A) => unknown,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    await run(await load(), ...args);
  };
}

/** Every command of the CLI, one file each. */
export const commands: RegisterCommand[] = [
  registerDashboard,
  registerGenerate,
  registerIngest,
  registerRejects,
  registerHealth,
  registerRun,
  registerRelease,
  registerPublication,
  registerDemo,
  registerServe,
  registerKeys,
];
