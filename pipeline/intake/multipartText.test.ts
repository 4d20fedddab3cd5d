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

const HEAD = [
  "Message-ID: <20250301.2@exemple.invalid>",
  "Date: Sat, 01 Mar 2025 10:05:00 +0100",
  "From: =?UTF-8?Q?Zo=C3=A9_Muller?= <zoe@exemple.invalid>",
  "Subject: =?utf-8?B?w4ljbGFpcmFnZSBwdWJsaWM=?=",
  "MIME-Version: 1.0",
];

/** A message: the common headers, then `type` and a body whose lines are joined with `eol`. */
function message(type: string, body: string[], eol = "\n"): Buffer {
  return Buffer.from([...HEAD, type, "", ...body].join(eol));
}

const alt = 'Content-Type: multipart/alternative; boundary="=_part_a1"';
const plainQp = ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: quoted-printable", ""];
const html = [
  "Content-Type: text/html; charset=utf-8",
  "Content-Transfer-Encoding: base64",
  "",
  Buffer.from("<p>Lampadaire éteint</p>").toString("base64"),
];
const text = ["Bonjour,", "", "Lampadaire =C3=A9teint rue des Fr=C3=A8res, depuis lundi =", "soir.", "Cordialement,", "Zo=C3=A9"];

/** The generator's multipart/alternative shape: preamble, a quoted-printable text part, a base64 HTML part. */
const generated = [
  "This is a multi-part message in MIME format.",
  "--=_part_a1",
  ...plainQp,
  ...text,
  "--=_part_a1",
  ...html,
  "--=_part_a1--",
  "",
];

/** Multipart messages the light reader reads itself: its fields must be postal-mime's. */
const read: [string, Buffer][] = [
  ["alternative, the generator's shape", message(alt, generated)],
  ["alternative, CRLF line ends", message(alt, generated, "\r\n")],
  ["alternative, HTML first", message(alt, ["--=_part_a1", ...html, "--=_part_a1", ...plainQp, ...text, "--=_part_a1--"])],
  ["alternative, unquoted boundary", message("Content-Type: multipart/alternative; boundary==_part_a1", generated)],
  ["alternative, upper-case type and parameter", message('Content-Type: Multipart/Alternative;BOUNDARY="=_part_a1"', generated)],
  ["no closing boundary", message(alt, generated.slice(0, -7))],
  ["no closing boundary, body without final newline", message(alt, ["--=_part_a1", ...plainQp, "Fin sans retour"])],
  ["closing boundary followed by an epilogue", message(alt, [...generated, "épilogue ignoré", "--=_part_a1", "x"])],
  ["boundary lines with trailing spaces and tabs", message(alt, ["--=_part_a1 \t", ...plainQp, ...text, "--=_part_a1-- "])],
  [
    "a line that only starts like the boundary stays text",
    message(alt, ["--=_part_a1", ...plainQp, "--=_part_a1x", "--=_part", "-- ", "--=_part_a1--"]),
  ],
  ["part without headers (default text/plain)", message(alt, ["--=_part_a1", "", "Texte brut", "--=_part_a1", ...html, "--=_part_a1--"])],
  [
    "8bit and base64 text parts",
    message("Content-Type: multipart/mixed; boundary=b2", [
      "--b2",
      "Content-Type: text/plain; charset=UTF-8",
      "Content-Transfer-Encoding: 8bit",
      "",
      "Chaussée défoncée.",
      "--b2",
      "Content-Type: text/plain",
      "Content-Transfer-Encoding: base64",
      "",
      Buffer.from("Deuxième partie.\n").toString("base64"),
      "--b2--",
    ]),
  ],
  [
    "mixed: alternative then an attachment",
    message("Content-Type: multipart/mixed; boundary=outer", [
      "--outer",
      alt,
      "",
      ...generated,
      "--outer",
      'Content-Type: image/png; name="photo.png"',
      "Content-Disposition: attachment; filename=photo.png",
      "Content-Transfer-Encoding: base64",
      "",
      "iVBORw0KGgo=",
      "--outer--",
    ]),
  ],
  [
    "mixed: nested alternative never closed, outer boundary ends it",
    message("Content-Type: multipart/mixed; boundary=outer", [
      "--outer",
      alt,
      "",
      "--=_part_a1",
      ...plainQp,
      ...text,
      "--=_part_a1",
      ...html,
      "--outer",
      "Content-Type: application/pdf",
      "Content-Disposition: attachment",
      "",
      "JVBERi0=",
      "--outer--",
    ]),
  ],
  [
    "mixed: text, then a text attachment (not part of the text)",
    message("Content-Type: multipart/mixed; boundary=b3", [
      "--b3",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "Le texte.",
      "--b3",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Disposition: attachment; filename=notes.txt",
      "",
      "Pièce jointe.",
      "--b3--",
    ]),
  ],
  [
    "mixed: two inline text parts joined by a newline",
    message("Content-Type: multipart/mixed; boundary=b4", ["--b4", "", "Un", "--b4", "Content-Disposition: inline", "", "Deux", "--b4--"]),
  ],
  ["related holding an alternative", message("Content-Type: multipart/related; boundary=r1", ["--r1", alt, "", ...generated, "--r1--"])],
  ["headers of a part folded", message(alt, ["--=_part_a1", "Content-Type: text/plain;", " charset=utf-8", "", "Plié", "--=_part_a1--"])],
  [
    "invalid UTF-8 in an 8bit text part (decoded leniently by both)",
    Buffer.concat([message(alt, ["--=_part_a1", "", ""]), Buffer.from([0x61, 0xe9, 0x0a])]),
  ],
];

/** Multipart messages left to postal-mime. */
const declined: [string, Buffer][] = [
  ["HTML only", message(alt, ["--=_part_a1", ...html, "--=_part_a1--"])],
  [
    "mixed: text and a lone HTML part (converted to text by postal-mime)",
    message("Content-Type: multipart/mixed; boundary=b", ["--b", "", "Un", "--b", "Content-Type: text/html", "", "<p>Deux</p>", "--b--"]),
  ],
  ["empty text part", message(alt, ["--=_part_a1", "", "--=_part_a1", ...html, "--=_part_a1--"])],
  ["no part at all", message(alt, ["Rien que le préambule."])],
  ["part without a header end", message(alt, ["--=_part_a1", "Content-Type: text/plain", "--=_part_a1", "", "x", "--=_part_a1--"])],
  ["latin-1 text part", message(alt, ["--=_part_a1", "Content-Type: text/plain; charset=iso-8859-1", "", "x", "--=_part_a1--"])],
  [
    "flowed text part",
    message(alt, ["--=_part_a1", "Content-Type: text/plain; charset=utf-8; format=flowed", "", "a ", "b", "--=_part_a1--"]),
  ],
  [
    "base64 text part with inner padding",
    message(alt, ["--=_part_a1", "Content-Transfer-Encoding: base64", "", "QQ==", "Qg==", "--=_part_a1--"]),
  ],
  [
    "nested message",
    message("Content-Type: multipart/mixed; boundary=b", [
      "--b",
      "",
      "Un",
      "--b",
      "Content-Type: message/rfc822",
      "",
      "Subject: x",
      "",
      "y",
      "--b--",
    ]),
  ],
  ["digest", message("Content-Type: multipart/digest; boundary=b", ["--b", "", "Subject: x", "", "y", "--b--"])],
  ["boundary with a comment", message("Content-Type: multipart/alternative; boundary=b (c)", ["--b", "", "x", "--b--"])],
  ["quoted boundary with a space", message('Content-Type: multipart/alternative; boundary="a b"', ["--a b", "", "x", "--a b--"])],
  ["another parameter", message('Content-Type: multipart/alternative; charset=utf-8; boundary="b"', ["--b", "", "x", "--b--"])],
  ["no boundary parameter", message("Content-Type: multipart/alternative", ["--b", "", "x", "--b--"])],
  ["encoded multipart", Buffer.from([...HEAD, alt, "Content-Transfer-Encoding: base64", "", ...generated].join("\n"))],
  ["odd disposition", message(alt, ["--=_part_a1", "Content-Disposition: x-special", "", "x", "--=_part_a1--"])],
  [
    "calendar part",
    message("Content-Type: multipart/mixed; boundary=b", [
      "--b",
      "",
      "x",
      "--b",
      "Content-Type: text/calendar",
      "",
      "BEGIN:VCALENDAR",
      "--b--",
    ]),
  ],
  ["part header line without a colon", message(alt, ["--=_part_a1", "Content-Type text/plain", "", "x", "--=_part_a1--"])],
];

describe("readSimpleEmail on multipart bodies", () => {
  test.each(read)("%s: same fields as postal-mime", async (_name, raw) => {
    const fast = readSimpleEmail(raw);
    expect(fast).not.toBeNull();
    expect(fast).toEqual(await byPostalMime(raw));
  });

  test.each(declined)("%s: left to postal-mime", (_name, raw) => {
    expect(readSimpleEmail(raw)).toBeNull();
  });

  test("hand-checked text of the generator's shape", () => {
    expect(readSimpleEmail(message(alt, generated))?.text).toBe(
      "Bonjour,\n\nLampadaire éteint rue des Frères, depuis lundi soir.\nCordialement,\nZoé\n",
    );
  });

  test("hand-checked text of two inline parts in a mixed body", () => {
    const raw = message("Content-Type: multipart/mixed; boundary=b4", ["--b4", "", "Un", "--b4", "", "Deux", "--b4--"]);
    expect(readSimpleEmail(raw)?.text).toBe("Un\n\nDeux\n");
  });

  test("every combination of part order, encodings, line ends and endings agrees with postal-mime", async () => {
    const bodyText = "Ligne accentuée é à ç\nsans fin = ni =4 \n\nFin";
    const plains: string[][] = [
      ["Content-Type: text/plain; charset=utf-8", "", ...bodyText.split("\n")],
      [...plainQp, "Ligne accentu=C3=A9e =C3=A9 =", "=C3=A0 =C3=A7", "sans fin =3D ni =4 ", "", "Fin"],
      ["Content-Transfer-Encoding: base64", "", Buffer.from(bodyText).toString("base64")],
    ];
    const disagreements: string[] = [];
    for (const plain of plains)
      for (const htmlFirst of [false, true])
        for (const closing of ["--=_part_a1--", "--=_part_a1--  ", null])
          for (const eol of ["\n", "\r\n"]) {
            const parts = htmlFirst ? [html, plain] : [plain, html];
            const lines = ["préambule", ...parts.flatMap((p) => ["--=_part_a1", ...p]), ...(closing === null ? [] : [closing, "épilogue"])];
            const raw = message(alt, lines, eol);
            const fast = readSimpleEmail(raw);
            if (fast === null || !isDeepStrictEqual(fast, await byPostalMime(raw))) disagreements.push(raw.toString());
          }
    expect(disagreements).toEqual([]);
  });
});
