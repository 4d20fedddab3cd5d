/**
 * File adapter of the generator: writes each month's records to the channel files as they are
 * generated (buffered chunks, backpressure respected), then the manifest.
 */
import { createWriteStream, mkdirSync, type WriteStream, writeFileSync } from "node:fs";
import path from "node:path";
import iconv from "iconv-lite";
import type { ReferenceData } from "../reference.ts";
import { BACKOFFICE_HEADER_LINE, backofficeLines, open311Line, PHONE_HEADER_LINE, phoneLine } from "./formats.ts";
import { mboxEntry } from "./mbox.ts";
import { planMonths } from "./plan.ts";
import { generateMonth } from "./records.ts";
import { buildWorld } from "./world.ts";

/** Arguments of a run; the same arguments always give byte-identical files. */
export interface GenerateArgs {
  seed: number;
  months: number;
  perMonth: number;
  /** Last day of the run, `YYYY-MM-DD` (Europe/Paris). */
  end: string;
  outDir: string;
}

/** One file of the manifest. */
export interface ManifestFile {
  source: "web" | "app" | "phone" | "email" | "backoffice";
  file: string;
  rows: number;
}

/** The manifest written next to the files (no personal data). */
export interface Manifest {
  seed: number;
  months: number;
  per_month: number;
  end: string;
  files: ManifestFile[];
}

/** Progress after each month. */
export interface Progress {
  month: string;
  monthsDone: number;
  months: number;
  reports: number;
}

const CHUNK = 1 << 20;

/** A buffered output file: strings are joined and written in chunks of about 1 MB. */
class Sink {
  private readonly stream: WriteStream;
  private parts: string[] = [];
  private size = 0;
  rows = 0;
  constructor(
    file: string,
    private readonly encode: (text: string) => Buffer = (t) => Buffer.from(t, "utf8"),
  ) {
    this.stream = createWriteStream(file);
  }
  add(text: string, rows = 1): void {
    this.parts.push(text);
    this.size += text.length;
    this.rows += rows;
  }
  async flushIfFull(): Promise<void> {
    if (this.size >= CHUNK) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const buffer = this.encode(this.parts.join(""));
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(buffer)) await new Promise<void>((resolve) => this.stream.once("drain", () => resolve()));
  }
  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
}

const win1252 = (text: string) => iconv.encode(text, "win1252");

/** Generates the whole dataset into args.outDir and returns its manifest. */
export async function writeDataset(args: GenerateArgs, ref: ReferenceData, onProgress?: (p: Progress) => void): Promise<Manifest> {
  mkdirSync(args.outDir, { recursive: true });
  const world = buildWorld(args.seed, ref);
  const plans = planMonths(args.months, args.perMonth, args.end);
  const out = (name: string) => path.join(args.outDir, name);
  const web = new Sink(out("web.jsonl"));
  const app = new Sink(out("app.jsonl"));
  const email = new Sink(out("email.mbox"));
  const backoffice = new Sink(out("backoffice.csv"));
  backoffice.add(`\uFEFF${BACKOFFICE_HEADER_LINE}`, 0);
  const phoneFiles: ManifestFile[] = [];
  let reports = 0;
  for (const [index, plan] of plans.entries()) {
    const phoneName = `phone-${plan.year}-${String(plan.month).padStart(2, "0")}.csv`;
    const phone = new Sink(out(phoneName), win1252);
    phone.add(PHONE_HEADER_LINE, 0);
    for (const day of generateMonth(world, plan)) {
      for (const r of day) {
        if (r.inChannelFile) {
          if (r.channel === "web") web.add(open311Line(r));
          else if (r.channel === "app") app.add(open311Line(r));
          else if (r.channel === "phone") phone.add(phoneLine(r, world));
          else email.add(mboxEntry(r));
        }
        if (r.events.length > 0) backoffice.add(backofficeLines(r), r.events.length);
      }
      await Promise.all([web, app, phone, email, backoffice].map((sink) => sink.flushIfFull()));
    }
    await phone.close();
    phoneFiles.push({ source: "phone", file: phoneName, rows: phone.rows });
    reports += plan.reportCount;
    onProgress?.({ month: `${plan.year}-${String(plan.month).padStart(2, "0")}`, monthsDone: index + 1, months: plans.length, reports });
  }
  await Promise.all([web.close(), app.close(), email.close(), backoffice.close()]);
  const manifest: Manifest = {
    seed: args.seed,
    months: args.months,
    per_month: args.perMonth,
    end: args.end,
    files: [
      { source: "web", file: "web.jsonl", rows: web.rows },
      { source: "app", file: "app.jsonl", rows: app.rows },
      ...phoneFiles,
      { source: "email", file: "email.mbox", rows: email.rows },
      { source: "backoffice", file: "backoffice.csv", rows: backoffice.rows },
    ],
  };
  writeFileSync(out("manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
