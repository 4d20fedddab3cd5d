/**
 * One month of synthetic channel records (web/app requests, calls, emails) and the back-office
 * life of those that became reports. Pure: the month's PRNG stream is derived from the seed and
 * the month, so months can be generated and written one at a time.
 */

import type { PHONE_OUTCOMES } from "../../schemas/channels/phone.ts";
import type { Category } from "../../schemas/taxonomy.ts";
import { type EmailStyle, emailStyle } from "./email-content.ts";
import { type Person, person, piiTail } from "./identity.ts";
import { type BackofficeEvent, lifecycle } from "./lifecycle.ts";
import { fromParis } from "./paris-clock.ts";
import type { Point } from "./places.ts";
import type { MonthPlan } from "./plan.ts";
import { createRng, deriveSeed, drawWeighted, type Rng, type WeightTable, weightTable } from "./prng.ts";
import { DESCRIPTIONS, POSTAL_CODES, STREETS } from "./vocabulary.ts";
import type { GenChannel, World } from "./world.ts";

/** One channel record and, when it became a report, its back-office events. */
export interface GeneratedRecord {
  channel: GenChannel;
  /** The channel's own id: service_request_id, N° appel or Message-ID (with angle brackets). */
  id: string;
  receivedMs: number;
  category: Category;
  /** The district the record was generated in (coordinates, when present, lie inside it). */
  district: string;
  point: Point | null;
  address: string | null;
  postalCode: string;
  reporter: Person;
  /** Which identity fields the resident filled in. */
  gave: { name: boolean; email: boolean; phone: boolean };
  description: string;
  mediaUrl: string | null;
  /** Phone outcome; calls and emails may be handled without creating a report. */
  outcome: (typeof PHONE_OUTCOMES)[number] | null;
  createsReport: boolean;
  /** False for the ≈1 % of reports whose origin record is missing from the channel files. */
  inChannelFile: boolean;
  /** Back-office reference, for reports. */
  reference: string | null;
  deskAgent: string;
  email: EmailStyle | null;
  events: BackofficeEvent[];
}

/** Target shares of reports per channel. */
export const CHANNEL_SHARES: Record<GenChannel, number> = { web: 0.4, app: 0.3, phone: 0.2, email: 0.1 };
/** Share of calls and emails that create a report. */
const REPORT_RATE: Record<GenChannel, number> = { web: 1, app: 1, phone: 0.6, email: 0.7 };

/**
 * Channel draw tables for weekdays and weekends. The call desk is closed at weekends, so calls
 * are more frequent on weekdays to keep their overall share (weekdayShare = weekday reports / all).
 */
function channelTables(weekdayShare: number): [WeightTable<GenChannel>, WeightTable<GenChannel>] {
  const phone = CHANNEL_SHARES.phone;
  const q = Math.min(0.9, phone / weekdayShare);
  const table = (phoneShare: number) =>
    weightTable(
      (Object.keys(CHANNEL_SHARES) as GenChannel[]).map((c) => {
        const share = c === "phone" ? phoneShare : (CHANNEL_SHARES[c] * (1 - phoneShare)) / (1 - phone);
        return [c, share / REPORT_RATE[c]] as const;
      }),
    );
  return [table(q), table(0)];
}

const otherOutcomes = weightTable<"Information donnée" | "Réorienté">([
  ["Information donnée", 70],
  ["Réorienté", 30],
]);
const HOURS: Record<GenChannel, WeightTable<number>> = {
  web: weightTable([1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 3, 5, 6, 6, 6, 5, 5, 5, 5, 5, 5, 5, 5, 4, 3, 2, 1.5].map((w, h) => [h, w] as const)),
  app: weightTable([1.5, 0.8, 0.4, 0.2, 0.2, 0.5, 1.5, 4, 5, 5, 5, 5, 5, 5, 5, 5, 6, 6, 6, 6, 5, 4, 3, 2].map((w, h) => [h, w] as const)),
  phone: weightTable([8, 9, 10, 11, 12, 13, 14, 15, 16, 17].map((h) => [h, h === 12 ? 2 : 5] as const)),
  email: weightTable([1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 3, 5, 6, 6, 6, 5, 5, 5, 5, 5, 5, 5, 5, 4, 3, 2, 1.5].map((w, h) => [h, w] as const)),
};
const ID_PREFIX: Record<GenChannel, string> = { web: "WEB", app: "APP", phone: "TEL", email: "" };

function receivedAt(rng: Rng, plan: MonthPlan, day: number, channel: GenChannel): number {
  for (;;) {
    const hour = drawWeighted(rng, HOURS[channel]);
    const epoch = fromParis(plan.year, plan.month, day, hour, rng.int(0, 59), channel === "phone" ? 0 : rng.int(0, 59));
    if (epoch !== null && epoch < plan.endMs) return epoch;
  }
}

/** Reports per day of the month (weekends quieter), summing exactly to the month's count. */
export function dailyQuotas(plan: MonthPlan): number[] {
  const weights = Array.from({ length: plan.lastDay }, (_, i) => (isWeekend(plan, i + 1) ? 0.75 : 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (plan.reportCount * w) / total);
  const quotas = exact.map(Math.floor);
  let missing = plan.reportCount - quotas.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (missing-- <= 0) break;
    quotas[i] = (quotas[i] as number) + 1;
  }
  return quotas;
}

function isWeekend(plan: MonthPlan, day: number): boolean {
  const weekday = new Date(Date.UTC(plan.year, plan.month - 1, day)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

function draft(rng: Rng, world: World, plan: MonthPlan, day: number, channels: WeightTable<GenChannel>): GeneratedRecord {
  const channel = drawWeighted(rng, channels);
  const createsReport = channel === "web" || channel === "app" || rng.chance(REPORT_RATE[channel]);
  const category = drawWeighted(rng, world.categoryTables[plan.month - 1] as WeightTable<Category>);
  const district = drawWeighted(rng, world.districtTable);
  const reporter = channel !== "phone" && rng.chance(0.012) ? rng.pick(world.prolific) : person(rng);
  const onMap = (channel === "web" || channel === "app") && rng.chance(0.9);
  const street = `${rng.int(1, 120)} ${rng.pick(STREETS[district] ?? ["rue du Marché"])}`;
  const hasAddress = !onMap || rng.chance(channel === "web" ? 0.7 : 0.4);
  const description = `${rng.pick(DESCRIPTIONS[category.code] ?? ["Problème constaté"])}.${piiTail(rng, reporter)}`;
  return {
    channel,
    id: "",
    receivedMs: receivedAt(rng, plan, day, channel),
    category,
    district,
    point: onMap ? rng.pick(world.pools.get(district) ?? []) : null,
    address: hasAddress ? street : null,
    postalCode: POSTAL_CODES[district] ?? "67000",
    reporter,
    gave: { name: rng.chance(0.9), email: channel !== "phone" && rng.chance(0.85), phone: rng.chance(channel === "phone" ? 0.8 : 0.35) },
    description,
    mediaUrl: channel === "app" && rng.chance(0.45) ? `https://media.signalements.example.fr/photos/${rng.hex8()}${rng.hex8()}.jpg` : null,
    outcome: channel === "phone" ? (createsReport ? "Signalement créé" : drawWeighted(rng, otherOutcomes)) : null,
    createsReport,
    inChannelFile: !(createsReport && rng.chance(0.01)),
    reference: null,
    deskAgent: channel === "phone" ? rng.pick(world.phoneAgents) : channel === "email" ? rng.pick(world.mailAgents) : "",
    email: channel === "email" ? emailStyle(rng, category, createsReport, street) : null,
    events: [],
  };
}

/**
 * Generates one month of records day by day (small batches keep memory flat), each day sorted by
 * reception, with ids and back-office events. Exactly `plan.reportCount` records create a report.
 */
export function* generateMonth(world: World, plan: MonthPlan): Generator<GeneratedRecord[]> {
  const rng = createRng(deriveSeed(world.seed, "month", plan.year, plan.month));
  const counters: Record<GenChannel | "report", number> = { web: 0, app: 0, phone: 0, email: 0, report: 0 };
  const quotas = dailyQuotas(plan);
  const weekdayReports = quotas.reduce((sum, q, i) => (isWeekend(plan, i + 1) ? sum : sum + q), 0);
  const [weekdayChannels, weekendChannels] = channelTables(weekdayReports / Math.max(1, plan.reportCount));
  for (let day = 1; day <= plan.lastDay; day++) {
    const channels = isWeekend(plan, day) ? weekendChannels : weekdayChannels;
    const records: GeneratedRecord[] = [];
    for (let reports = 0; reports < (quotas[day - 1] as number); ) {
      const record = draft(rng, world, plan, day, channels);
      records.push(record);
      if (record.createsReport) reports++;
    }
    records.sort((a, b) => a.receivedMs - b.receivedMs);
    for (const r of records) {
      const n = ++counters[r.channel];
      r.id = r.channel === "email" ? messageId(rng, r, n) : `${ID_PREFIX[r.channel]}-${plan.key}-${seq(n)}`;
      if (!r.createsReport) continue;
      r.reference = `SIG-${plan.key}-${seq(++counters.report)}`;
      r.events = lifecycle(rng, world, r, plan.runEndMs, piiTail(rng, r.reporter, 0.3));
    }
    yield records;
  }
}

const seq = (n: number) => String(n).padStart(6, "0");

function messageId(rng: Rng, r: GeneratedRecord, n: number): string {
  const d = new Date(r.receivedMs).toISOString().replace(/[-:T]/g, "").slice(0, 14);
  return `<${d}.${String(n).padStart(6, "0")}.${rng.hex8()}@${r.reporter.email.split("@")[1]}>`;
}
