import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Command } from "commander";
import { describe, expect, test } from "vitest";
import { commands, lazyAction } from "./index.ts";

const DIR = path.dirname(new URL(import.meta.url).pathname);
const registrations = readdirSync(DIR).filter((f) => f.endsWith(".cli.ts"));
/** Modules a registration may import eagerly: none of them pulls zod, DuckDB, SQLite or the readers. */
const CHEAP = new Set(["./index.ts", "../root.ts", "../intake/records.ts", "../service/lifecycle.ts"]);

/** Static (value) imports of a module, `import type` excluded. */
const valueImports = (source: string) => [...source.matchAll(/^import\s+(?!type\s)[^;]*?from\s+"([^"]+)";/gms)].map((m) => m[1] ?? "");

describe("command registrations", () => {
  test("every command is registered from a .cli.ts file", () => {
    expect(registrations.length).toBe(commands.length);
  });

  test.each(registrations)("%s imports only cheap modules (the action module is imported when the command runs)", (file) => {
    const imports = valueImports(readFileSync(path.join(DIR, file), "utf8"));
    expect(imports.filter((m) => !CHEAP.has(m))).toEqual([]);
  });

  test("the help lists every command without loading any action module", () => {
    const program = new Command("signalements").exitOverride();
    for (const register of commands) register(program);
    expect(program.commands.map((c) => c.name())).toEqual([
      "dashboard",
      "generate",
      "ingest",
      "rejects",
      "health",
      "run",
      "release",
      "publication",
      "demo",
      "serve",
      "keys",
    ]);
  });
});

describe("lazyAction", () => {
  test("loads the module only when called, then passes commander's arguments", async () => {
    const calls: string[] = [];
    const action = lazyAction(
      async () => {
        calls.push("load");
        return { act: (a: string, b: number) => calls.push(`act ${a} ${b}`) };
      },
      (m, a: string, b: number) => m.act(a, b),
    );
    expect(calls).toEqual([]);
    await action("x", 2);
    expect(calls).toEqual(["load", "act x 2"]);
  });
});
