import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BACKOFFICE_EVENTS, BACKOFFICE_HEADERS } from "../../schemas/channels/backoffice.ts";
import { open311RequestSchema } from "../../schemas/channels/open311.ts";
import { PHONE_HEADERS } from "../../schemas/channels/phone.ts";
import { createLocator } from "../core/districts.ts";
import { parisToUtc } from "../core/time.ts";
import { loadReference } from "../reference.ts";
import { type Manifest, writeDataset } from "./writer.ts";

const ref = loadReference();
const dirs: string[] = [];
const run = async (seed: number, months = 3, perMonth = 300, end = "2026-04-30") => {
  const outDir = mkdtempSync(path.join(tmpdir(), "generate-"));
  dirs.push(outDir);
  const manifest = await writeDataset({ seed, months, perMonth, end, outDir }, ref);
  return { outDir, manifest };
};
const files = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir).map((f) => [
      f,
      createHash("sha256")
        .update(readFileSync(path.join(dir, f)))
        .digest("hex"),
    ]),
  );

let a: { outDir: string; manifest: Manifest };
beforeAll(async () => {
  // February–April 2026: contains the spring DST change (29 March 2026).
  a = await run(42);
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("generate: determinism", () => {
  test("same arguments give byte-identical files", async () => {
    const b = await run(42);
    expect(files(b.outDir)).toEqual(files(a.outDir));
  });

  test("another seed gives different files", async () => {
    const c = await run(43);
    expect(readFileSync(path.join(c.outDir, "web.jsonl")).equals(readFileSync(path.join(a.outDir, "web.jsonl")))).toBe(false);
    expect(readFileSync(path.join(c.outDir, "backoffice.csv")).equals(readFileSync(path.join(a.outDir, "backoffice.csv")))).toBe(false);
  });
});

describe("generate: native formats", () => {
  test("phone exports are Windows-1252 with CRLF, no BOM and the exact header", () => {
    const bytes = readFileSync(path.join(a.outDir, "phone-2026-03.csv"));
    // "N° appel": N, 0xB0 (degree sign in Windows-1252), space.
    expect([...bytes.subarray(0, 3)]).toEqual([0x4e, 0xb0, 0x20]);
    expect(bytes.includes(Buffer.from([0x54, 0xe9, 0x6c]))).toBe(true); // "Tél" with é = 0xE9
    expect(bytes.includes(Buffer.from("é", "utf8"))).toBe(false);
    const text = iconv.decode(bytes, "win1252");
    expect(text.split("\r\n")[0]).toBe(PHONE_HEADERS.join(";"));
    expect(text.replace(/\r\n/g, "").includes("\r")).toBe(false);
  });

  test("back-office export is UTF-8 with BOM, CRLF and the exact header; events are known and triples unique", () => {
    const bytes = readFileSync(path.join(a.outDir, "backoffice.csv"));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8").slice(1);
    expect(text.slice(0, text.indexOf("\r\n"))).toBe(BACKOFFICE_HEADERS.join(";"));
    const simpleRows = text
      .split("\r\n")
      .slice(1, -1)
      .filter((l) => !l.includes('"'));
    const triples = new Set<string>();
    for (const line of simpleRows) {
      const [reference, , , event, date] = line.split(";");
      expect(Object.keys(BACKOFFICE_EVENTS)).toContain(event);
      expect(date).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
      triples.add(`${reference}|${event}|${date}`);
    }
    expect(triples.size).toBe(simpleRows.length);
  });

  test("every web and app line validates and its coordinates fall in a district", () => {
    const locator = createLocator(ref.districts, ref.communes);
    for (const [file, device] of [
      ["web.jsonl", "web"],
      ["app.jsonl", "app"],
    ] as const) {
      const lines = readFileSync(path.join(a.outDir, file), "utf8").trimEnd().split("\n");
      for (const line of lines) {
        const request = open311RequestSchema.parse(JSON.parse(line));
        expect(request.device).toBe(device);
        expect(request.requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/);
        if (request.lat == null || request.long == null) expect(request.address_string).not.toBeNull();
        else expect(locator.district(request.long, request.lat)).not.toBeNull();
      }
    }
  });

  test("the mbox splits into as many messages as the manifest says, each with Message-ID and Date", () => {
    const text = readFileSync(path.join(a.outDir, "email.mbox"), "utf8");
    const messages = text.split(/^From \S+ \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\n/m).slice(1);
    const rows = a.manifest.files.find((f) => f.source === "email")?.rows;
    expect(messages.length).toBe(rows);
    for (const m of messages) {
      expect(m).toMatch(/^Message-ID: <[^>\s]+@[^>\s]+>$/m);
      expect(m).toMatch(/^Date: \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0[12]00$/m);
    }
    // Quoted earlier messages start a body line with "From ": mboxrd escapes them as ">From ".
    expect(text).toMatch(/^>From [^\n]* le \d{2}\/\d{2}\/\d{4}/m);
    expect(text).not.toMatch(/^From [^\n]* le /m);
  });

  test("no phone call is dated in the spring DST gap, and every call time exists", () => {
    const text = iconv.decode(readFileSync(path.join(a.outDir, "phone-2026-03.csv")), "win1252");
    const times = [...text.matchAll(/^TEL-\d{6}-\d+;(\d{2})\/(\d{2})\/(\d{4});(\d{2}):(\d{2});/gm)];
    expect(times.length).toBeGreaterThan(50);
    for (const [, d, m, y, hh, mm] of times) expect(parisToUtc(Number(y), Number(m), Number(d), Number(hh), Number(mm)).ok).toBe(true);
  });
});

describe("generate: volumes", () => {
  test("3 full months × 300 reports give 900 back-office references (± reports cut at the end)", () => {
    const text = readFileSync(path.join(a.outDir, "backoffice.csv"), "utf8");
    const refs = new Set([...text.matchAll(/^(SIG-\d{6}-\d{6});/gm)].map((m) => m[1]));
    // A report received in the last minutes before --end may have no event yet: allow 1 %.
    expect(refs.size).toBeLessThanOrEqual(900);
    expect(refs.size).toBeGreaterThanOrEqual(891);
  });

  test("the manifest lists every file with its row count", () => {
    expect(a.manifest.files.map((f) => f.file)).toEqual([
      "web.jsonl",
      "app.jsonl",
      "phone-2026-02.csv",
      "phone-2026-03.csv",
      "phone-2026-04.csv",
      "email.mbox",
      "backoffice.csv",
    ]);
    const web = readFileSync(path.join(a.outDir, "web.jsonl"), "utf8").trimEnd().split("\n").length;
    expect(a.manifest.files[0]?.rows).toBe(web);
    expect(JSON.parse(readFileSync(path.join(a.outDir, "manifest.json"), "utf8"))).toEqual(a.manifest);
  });
});
