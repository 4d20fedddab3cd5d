import type { Command } from "commander";
import { registerDashboard } from "./dashboard.ts";
import { registerDemo } from "./demo.ts";
import { registerGenerate } from "./generate.ts";
import { registerHealth } from "./health.ts";
import { registerIngest } from "./ingest.ts";
import { registerKeys } from "./keys.ts";
import { registerRejects } from "./rejects.ts";
import { registerRelease } from "./release.ts";
import { registerRun } from "./run.ts";
import { registerServe } from "./serve.ts";

/** Registers one command on the program. */
export type RegisterCommand = (program: Command) => void;

/** Every command of the CLI, one file each. */
export const commands: RegisterCommand[] = [
  registerDashboard,
  registerGenerate,
  registerIngest,
  registerRejects,
  registerHealth,
  registerRun,
  registerRelease,
  registerDemo,
  registerServe,
  registerKeys,
];
