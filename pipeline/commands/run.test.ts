import { describe, expect, test } from "vitest";
import { CliError, parseOptions } from "../errors.ts";
import { runCommandOptionsSchema, withEnvironment } from "./run.ts";

const base = { store: "data/intake.sqlite", warehouse: "data/warehouse.duckdb", sla: "calendar" };

describe("run --memory-limit", () => {
  test.each([
    [{}, {}, undefined],
    [{ memoryLimit: "2GB" }, {}, "2GB"],
    [{}, { SIGNALEMENTS_MEMORY_LIMIT: "512MB" }, "512MB"],
    [{ memoryLimit: "1.5GiB" }, { SIGNALEMENTS_MEMORY_LIMIT: "512MB" }, "1.5GiB"],
  ])("option %o with environment %o gives %s", (option, env, expected) => {
    const options = parseOptions(runCommandOptionsSchema, withEnvironment({ ...base, ...option }, env));
    expect(options.memoryLimit).toBe(expected);
  });

  test.each([
    [{ memoryLimit: "4" }, {}],
    [{}, { SIGNALEMENTS_MEMORY_LIMIT: "beaucoup" }],
  ])("option %o with environment %o is refused with a readable message", (option, env) => {
    const parse = () => parseOptions(runCommandOptionsSchema, withEnvironment({ ...base, ...option }, env));
    expect(parse).toThrow(CliError);
    expect(parse).toThrow(
      "Options invalides :\n  - --memory-limit : taille attendue avec une unité, ex. 4GB ou 512MB (--memory-limit ou SIGNALEMENTS_MEMORY_LIMIT)",
    );
  });
});
