import { describe, expect, test } from "vitest";
import type { EventType } from "../../schemas/report.ts";
import { open311Status, refusal, stageOf } from "./lifecycle.ts";

describe("stageOf", () => {
  test.each<[EventType[], string]>([
    [[], "received"],
    [["received", "acknowledged", "routed"], "routed"],
    [["received", "closed", "thanks"], "closed"],
    [["received", "closed", "complaint"], "reopened"],
    [["received", "closed", "complaint", "reopened", "scheduled"], "scheduled"],
  ])("%j → %s", (events, stage) => {
    expect(stageOf(events)).toBe(stage);
  });
});

describe("refusal", () => {
  test.each([
    ["received", "acknowledge", "agent", null],
    ["closed", "reopen", "agent", { status: 403, reason: "action « reopen » non autorisée pour le rôle « agent »" }],
    ["closed", "reopen", "district_director", null],
    ["closed", "close", "admin", { status: 409, reason: "action « close » impossible à l'étape « Clôturé » (actions possibles : reopen)" }],
    ["routed", "acknowledge", "channel", { status: 403, reason: "action « acknowledge » non autorisée pour le rôle « channel »" }],
    [
      "escalated",
      "close",
      "agent",
      { status: 403, reason: "signalement escaladé : seule la direction de territoire ou un administrateur peut agir" },
    ],
    ["escalated", "close", "admin", null],
  ] as const)("%s, %s by %s", (stage, action, role, expected) => {
    expect(refusal(stage, action, role)).toEqual(expected);
  });
});

test("Open311 status is closed only at the closed stage", () => {
  expect([open311Status("closed"), open311Status("reopened"), open311Status("in_progress")]).toEqual(["closed", "open", "open"]);
});
