import { expect, test } from "vitest";
import { MboxSplitter } from "./mbox.ts";

test("splits on From lines, unescapes one > of >From, drops the separating empty line, keeps bytes", () => {
  const text = "From a@x Tue\nSubject: un\n\ncorps\n>From ici\n>>From là\n\nFrom b@x Wed\nSubject: deux\n\nfin\n";
  const s = new MboxSplitter();
  const out = [...s.push(Buffer.from(text, "utf8")), ...s.end()].map((m) => ({ ...m, bytes: m.bytes.toString("utf8") }));
  expect(out).toEqual([
    { line: 1, orphan: false, bytes: "Subject: un\n\ncorps\nFrom ici\n>From là\n" },
    { line: 8, orphan: false, bytes: "Subject: deux\n\nfin\n" },
  ]);
});

test("text before the first separator is an orphan", () => {
  const s = new MboxSplitter();
  expect([...s.push(Buffer.from("Subject: perdu\n\nFrom a@x\nSubject: ok\n")), ...s.end()].map((m) => [m.line, m.orphan])).toEqual([
    [1, true],
    [3, false],
  ]);
});
