import { expect, test } from "vitest";
import { reporterHash, reporterKey } from "./reporter.ts";

// SHA-256 of each key, computed outside the project: printf '%s' 'email:…' | sha256sum
const LEA = "f1489e10ba550d68fa36440c1452739c5790676a4391bc1c3de8a082ce038672"; // email:lea.guerin@courriel.example.org
const PHONE = "cfc8542a5621eafa6871212b3cdf30c9c6634d2c09db48caebdfa4f4cec119b8"; // phone:0612345678
const HELENE = "6575880fcadc902a17879cb28d773ab7a06ec7e3ddda3203588cf906a33f728b"; // name:helene muller

test.each([
  ["the email, normalised", " Léa.Guérin@Courriel.Example.org ", "06 12 34 56 78", "Léa", "email:lea.guerin@courriel.example.org", LEA],
  ["the phone when no email, +33 folded", null, "+33 6 12 34 56 78", "Léa", "phone:0612345678", PHONE],
  ["the phone, 0033 folded", "", "0033612345678", null, "phone:0612345678", PHONE],
  ["the name when no email and too short a phone", null, "12", "  Hélène   MULLER ", "name:helene muller", HELENE],
  ["nothing that identifies", null, null, "   ", null, null],
  ["the email in capitals", "LEA.GUERIN@courriel.example.org", "0612345678", null, "email:lea.guerin@courriel.example.org", LEA],
])("reporter identity from %s", (_label, email, phone, name, key, hash) => {
  expect(reporterKey(email, phone, name)).toBe(key);
  expect(reporterHash(email, phone, name)).toBe(hash);
});
