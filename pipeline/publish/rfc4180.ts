/** Strict RFC 4180 reader: CRLF record ends, quoted fields with doubled quotes, no bare quote or bare CR/LF. */
export function parseRfc4180(text: string, separator = ","): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`CSV non conforme à la RFC 4180 (caractère ${i}) : ${what}`);
  };
  if (text.length > 0 && !text.endsWith("\r\n")) fail("le fichier doit finir par CRLF");
  while (i < text.length) {
    if (text[i] === '"') {
      if (field !== "") fail("guillemet au milieu d'un champ");
      i++;
      for (;;) {
        if (i >= text.length) fail("guillemet non fermé");
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i];
        i++;
      }
      if (i < text.length && text[i] !== separator && text[i] !== "\r") fail("caractère après un guillemet fermant");
      continue;
    }
    const ch = text[i] as string;
    if (ch === separator) {
      record.push(field);
      field = "";
      i++;
    } else if (ch === "\r") {
      if (text[i + 1] !== "\n") fail("CR sans LF");
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += 2;
    } else if (ch === "\n") {
      fail("LF sans CR");
    } else {
      field += ch;
      i++;
    }
  }
  const width = records[0]?.length ?? 0;
  records.forEach((r, n) => {
    if (r.length !== width) throw new Error(`CSV non conforme : l'enregistrement ${n + 1} a ${r.length} champs au lieu de ${width}`);
  });
  return records;
}
