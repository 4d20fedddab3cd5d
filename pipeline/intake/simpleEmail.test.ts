import { isDeepStrictEqual } from "node:util";
import PostalMime from "postal-mime";
import { describe, expect, test } from "vitest";
import { readSimpleEmail } from "./simpleEmail.ts";

/** The fields the intake uses, as the MIME parser (the independent slow path) gives them. */
async function byPostalMime(raw: Buffer) {
  const e = await PostalMime.parse(raw);
  const out: Record<string, unknown> = {};
  if (e.messageId !== undefined) out.messageId = e.messageId;
  if (e.date !== undefined) out.date = e.date;
  if (e.from !== undefined) out.from = { name: e.from.name, address: e.from.address };
  if (e.subject !== undefined) out.subject = e.subject;
  if (e.text !== undefined) out.text = e.text;
  return out;
}

const HEAD = {
  id: "Message-ID: <20250301.1@exemple.invalid>",
  date: "Date: Sat, 01 Mar 2025 00:17:04 +0100",
  from: "From: Julie Martin <julie.martin@exemple.invalid>",
  to: "To: signalements@ville.invalid",
  subject: "Subject: Trottoir abîmé",
  mime: "MIME-Version: 1.0",
  type: "Content-Type: text/plain; charset=utf-8",
};

function message(headers: string[], body: string | Buffer, eol = "\n"): Buffer {
  return Buffer.concat([Buffer.from(headers.join(eol) + eol + eol), typeof body === "string" ? Buffer.from(body) : body]);
}

const standard = (extra: string[], body: string | Buffer, eol = "\n") =>
  message([HEAD.id, HEAD.date, HEAD.from, HEAD.to, HEAD.subject, HEAD.mime, ...extra], body, eol);

const qp = "Content-Transfer-Encoding: quoted-printable";
const b64 = "Content-Transfer-Encoding: base64";

/** Messages the light reader reads itself: its result must be postal-mime's. */
const simple: [string, Buffer][] = [
  ["8bit body", standard([HEAD.type, "Content-Transfer-Encoding: 8bit"], "Bonjour,\n\nChaussée défoncée.\n\nCordialement,\nJulie\n")],
  ["no transfer encoding header", standard([HEAD.type], "Lampadaire éteint.\n")],
  ["no content type at all", message([HEAD.id, HEAD.date, HEAD.from, HEAD.subject], "Texte sans en-tête MIME.\n")],
  ["quoted charset, upper case", standard(['Content-Type: text/plain; charset="UTF-8"', "Content-Transfer-Encoding: 7BIT"], "Plain.\n")],
  [
    "quoted-printable with soft breaks, bad escapes and a trailing =",
    standard([HEAD.type, qp], "Chauss=C3=A9e d=C3=A9fonc=C3=A9e apr=\n=C3=A8s les travaux.\n=ZZ reste =3 tel quel\nfin =\n"),
  ],
  [
    "base64 body over several lines",
    standard(
      [HEAD.type, b64],
      `${Buffer.from("Arbre tombé sur la voie.\nMerci.\n")
        .toString("base64")
        .replace(/(.{16})/g, "$1\n")}\n`,
    ),
  ],
  ["CRLF line ends", standard([HEAD.type, qp], "Ligne 1\r\nLigne =C3=A9 2\r\n", "\r\n")],
  ["body without final newline", standard([HEAD.type], "Pas de fin de ligne")],
  ["empty body", standard([HEAD.type], "")],
  ["no body after the empty line, CR lines inside the body", standard([HEAD.type], "a\r\r\nb\rc\n")],
  ["subject as one Q encoded word", message([HEAD.id, HEAD.date, HEAD.from, "Subject: =?UTF-8?Q?Remerciements_=C3=A0_la_voirie?="], "x\n")],
  [
    "subject as one B encoded word",
    message([HEAD.id, HEAD.date, HEAD.from, `Subject: =?utf-8?B?${Buffer.from("Éclairage").toString("base64")}?=`], "x\n"),
  ],
  ["Q word with a bad escape", message([HEAD.id, HEAD.from, "Subject: =?UTF-8?Q?a=ZZb=4?="], "x\n")],
  [
    "name as a B encoded word",
    message([HEAD.id, HEAD.date, `From: =?UTF-8?B?${Buffer.from("Chloé Leroy").toString("base64")}?= <chloe7@exemple.invalid>`], "x\n"),
  ],
  ["bare address", message([HEAD.id, HEAD.date, "From: chloe7@exemple.invalid"], "x\n")],
  ["address in angle brackets only", message([HEAD.id, HEAD.date, "From: <chloe7@exemple.invalid>"], "x\n")],
  ["name glued to the bracket, spaces inside kept", message([HEAD.id, "From: Jean  Pierre<jp@exemple.invalid>"], "x\n")],
  ["name that repeats the address", message([HEAD.id, "From: =?utf-8?Q?jp=40exemple.invalid?= <jp@exemple.invalid>"], "x\n")],
  ["folded subject", message([HEAD.id, HEAD.from, "Subject: Nid de poule", "  rue des Vosges"], "x\n")],
  [
    "duplicate headers: the first one counts",
    message([HEAD.id, "Subject: premier", "Subject: second", HEAD.date, "Date: n'importe quoi"], "x\n"),
  ],
  ["empty first subject", message([HEAD.id, "Subject:", "Subject: second"], "x\n")],
  ["unreadable date kept as written", message([HEAD.id, "Date: hier soir", HEAD.from], "x\n")],
  ["no message id, no date, no from", message(["Subject: seul"], "x\n")],
  ["raw UTF-8 header", message([HEAD.id, "Subject: Éclairage public", "From: Zoé Muller <zoe@exemple.invalid>"], "x\n")],
  ["invalid UTF-8 in an 8bit body (decoded leniently by both)", standard([HEAD.type], Buffer.from([0x61, 0xe9, 0x62, 0x0a]))],
  ["leading BOM in the body", standard([HEAD.type], Buffer.from("\uFEFFBonjour\n"))],
  ["header key with spaces before the colon", message([HEAD.id, "Subject : espacé", "\tX-Note: x"], "x\n")],
];

/** Messages left to postal-mime. */
const declined: [string, Buffer][] = [
  [
    "multipart/report (multipart bodies: see multipartText.test.ts)",
    standard(
      ['Content-Type: multipart/report; boundary="b1"'],
      "--b1\nContent-Type: text/plain; charset=utf-8\n\nTexte\n--b1\nContent-Type: message/delivery-status\n\nx\n--b1--\n",
    ),
  ],
  ["html", standard(["Content-Type: text/html; charset=utf-8"], "<p>Bonjour</p>\n")],
  ["latin-1 charset", standard(["Content-Type: text/plain; charset=iso-8859-1"], Buffer.from("Chauss\xe9e\n", "latin1"))],
  ["format=flowed", standard(["Content-Type: text/plain; charset=utf-8; format=flowed"], "a \nb\n")],
  ["attachment disposition", standard([HEAD.type, "Content-Disposition: attachment"], "x\n")],
  ["odd transfer encoding", standard([HEAD.type, "Content-Transfer-Encoding: x-uuencode"], "x\n")],
  ["base64 with inner padding", standard([HEAD.type, b64], "QQ==\nQkM=\n")],
  ["base64 with junk", standard([HEAD.type, b64], "QUJD*\n")],
  ["two encoded words", message([HEAD.id, "Subject: =?UTF-8?Q?a?= =?UTF-8?Q?b?="], "x\n")],
  ["text and an encoded word", message([HEAD.id, "Subject: Re: =?UTF-8?Q?Caf=C3=A9?="], "x\n")],
  ["other charset word", message([HEAD.id, "Subject: =?ISO-8859-1?Q?Caf=E9?="], "x\n")],
  ["quoted name", message([HEAD.id, 'From: "Martin, Julie" <julie@exemple.invalid>'], "x\n")],
  ["comment in address", message([HEAD.id, "From: julie@exemple.invalid (Julie)"], "x\n")],
  ["two addresses", message([HEAD.id, "From: a@exemple.invalid, b@exemple.invalid"], "x\n")],
  ["group", message([HEAD.id, "From: Equipe: a@exemple.invalid;"], "x\n")],
  ["no empty line after the headers", Buffer.from(`${HEAD.id}\n${HEAD.from}\n`)],
  ["header line without a colon", message([HEAD.id, "Subject sans deux-points"], "x\n")],
  ["starts with a folded line", message([" Subject: x", HEAD.id], "x\n")],
  ["non UTF-8 header bytes", Buffer.concat([Buffer.from("Subject: Chauss"), Buffer.from([0xe9]), Buffer.from("e\n\nx\n")])],
  ["BOM before the headers", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), message([HEAD.id], "x\n")])],
  ["control character (tab) in the name", message([HEAD.id, "From: Jean\tPierre <jp@exemple.invalid>"], "x\n")],
  ["lone CR inside a header", message([HEAD.id, "Subject: a\rb"], "x\n")],
];

describe("readSimpleEmail", () => {
  test.each(simple)("%s: same fields as postal-mime", async (_name, raw) => {
    const fast = readSimpleEmail(raw);
    expect(fast).not.toBeNull();
    expect(fast).toEqual(await byPostalMime(raw));
  });

  test.each(declined)("%s: left to postal-mime", (_name, raw) => {
    expect(readSimpleEmail(raw)).toBeNull();
  });

  test("hand-checked values of one message", () => {
    const raw = message(
      [
        HEAD.id,
        HEAD.date,
        "From: =?UTF-8?B?SnVsaWVuIEdhcmNpYQ==?= <julien.garcia@exemple.invalid>",
        "Subject: =?UTF-8?Q?Suivi_de_ma_demande?=",
        qp,
      ],
      "Chauss=C3=A9e\n",
    );
    expect(readSimpleEmail(raw)).toEqual({
      messageId: "<20250301.1@exemple.invalid>",
      date: "2025-02-28T23:17:04.000Z",
      from: { name: "Julien Garcia", address: "julien.garcia@exemple.invalid" },
      subject: "Suivi de ma demande",
      text: "Chaussée\n",
    });
  });

  test("every combination of header forms and body encodings agrees with postal-mime", async () => {
    const froms = ["From: a.b@exemple.invalid", "From: <a.b@exemple.invalid>", "From: Anne B <a.b@exemple.invalid>", "From:", ""];
    const subjects = [
      "Subject: Banc cassé",
      "Subject: =?UTF-8?Q?Banc_cass=C3=A9?=",
      "Subject: =?utf-8?b?QmFuYyBjYXNzw6k=?=",
      "Subject:",
      "",
    ];
    const body = "Ligne accentuée é à ç\nsans fin = ni =4 \n\nFin";
    const bodies: [string, string][] = [
      ["", body],
      [qp, "Ligne accentu=C3=A9e =C3=A9 =\n=C3=A0 =C3=A7\nsans fin =3D ni =4 \n\nFin"],
      [b64, Buffer.from(body).toString("base64")],
    ];
    const disagreements: string[] = [];
    for (const from of froms)
      for (const subject of subjects)
        for (const [cte, text] of bodies)
          for (const eol of ["\n", "\r\n"]) {
            const headers = [HEAD.id, HEAD.date, from, subject, HEAD.type, cte].filter((h) => h !== "");
            const raw = message(headers, text.replace(/\n/g, eol), eol);
            const fast = readSimpleEmail(raw);
            if (fast === null || !isDeepStrictEqual(fast, await byPostalMime(raw))) disagreements.push(raw.toString());
          }
    expect(disagreements).toEqual([]);
  });
});
