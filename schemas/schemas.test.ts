import { describe, expect, test } from "vitest";
import { loadReference } from "../pipeline/reference.ts";
import { backofficeRowSchema } from "./channels/backoffice.ts";
import { open311RequestSchema } from "./channels/open311.ts";
import { phoneRowSchema } from "./channels/phone.ts";
import { serviceRegistrySchema } from "./services.ts";
import { taxonomySchema } from "./taxonomy.ts";

const messages = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.success ? [] : (result.error?.issues ?? []).map((i) => `${i.path.join(".")}: ${i.message}`);

const validRequest = {
  service_request_id: "W-1",
  service_code: "nid_de_poule",
  description: "Trou dans la chaussée",
  lat: 48.58,
  long: 7.75,
  address_string: null,
  requested_datetime: "2026-03-04T09:12:00+01:00",
  first_name: "Camille",
  last_name: "Exemple",
  email: "camille@exemple.invalid",
  phone: null,
  media_url: null,
  device: "web",
};

describe("reference data files validate against their schemas", () => {
  test("taxonomy, services and districts load", () => {
    const ref = loadReference();
    expect(ref.taxonomy.categories.length).toBe(15);
    expect(ref.services.services.map((s) => s.code)).toEqual([
      "PROPRETE",
      "VOIRIE",
      "ECLAIRAGE",
      "ESPACES_VERTS",
      "TRANQUILLITE",
      "HYGIENE",
    ]);
    expect(ref.services.district_directors.length).toBe(10);
    expect(ref.communes.features.length).toBe(33);
  });

  test("every category's default service exists in the registry", () => {
    const ref = loadReference();
    const services = new Set(ref.services.services.map((s) => s.code));
    expect(ref.taxonomy.categories.filter((c) => !services.has(c.default_service))).toEqual([]);
  });
});

describe("taxonomy schema", () => {
  test("rejects an unknown group, a duplicated category and a missing fallback, with exact messages", () => {
    const result = taxonomySchema.safeParse({
      version: "t",
      fallback_category: "absent",
      groups: [{ code: "g", label: "G" }],
      categories: [
        { code: "a", label: "A", group: "g", default_service: "S", privacy_class: "standard" },
        { code: "a", label: "A bis", group: "h", default_service: "S", privacy_class: "standard" },
      ],
    });
    expect(messages(result)).toEqual([
      "categories.1.group: groupe inconnu « h » pour la catégorie « a »",
      "categories.1.code: catégorie en double « a »",
      "fallback_category: la catégorie de repli « absent » n'existe pas",
    ]);
  });

  test("rejects a privacy class outside the three classes", () => {
    const result = taxonomySchema.safeParse({
      version: "t",
      fallback_category: "a",
      groups: [{ code: "g", label: "G" }],
      categories: [{ code: "a", label: "A", group: "g", default_service: "S", privacy_class: "secret" }],
    });
    expect(result.success).toBe(false);
    expect(messages(result)[0]).toMatch(/^categories\.0\.privacy_class: /);
  });
});

describe("service registry schema", () => {
  test("refuses a contact phone that is not in the French display form", () => {
    const result = serviceRegistrySchema.safeParse({
      version: "t",
      services: [{ code: "X", label: "X", division: "D", contact: { email: "x@exemple.invalid", phone: "0388000000" } }],
      district_directors: [],
    });
    expect(messages(result)).toEqual(["services.0.contact.phone: téléphone attendu au format 03 88 00 00 00"]);
  });
});

describe("Open311 request schema", () => {
  test("accepts a valid request and turns empty strings into null", () => {
    const parsed = open311RequestSchema.parse({ ...validRequest, phone: "  " });
    expect(parsed.phone).toBeNull();
    expect(parsed.device).toBe("web");
  });

  test.each([
    [{ requested_datetime: "2026-03-04 09:12" }, "requested_datetime: requested_datetime doit être une date ISO 8601 avec fuseau"],
    [{ device: "fax" }, "device: device doit valoir « web » ou « app »"],
    [{ service_request_id: "" }, "service_request_id: identifiant service_request_id vide"],
    [{ lat: "48.5" }, "lat: lat doit être un nombre"],
  ])("rejects %j", (patch, message) => {
    expect(messages(open311RequestSchema.safeParse({ ...validRequest, ...patch }))).toEqual([message]);
  });
});

describe("phone and back-office row schemas", () => {
  const phone = {
    "N° appel": "T-1",
    "Date appel": "04/03/2026",
    Heure: "09:12",
    Agent: "Agent Exemple",
    Motif: "Voirie",
    "Sous-motif": "Nid de poule",
    "Suite donnée": "Signalement créé",
  };
  test("a phone row with an unknown outcome is refused", () => {
    expect(messages(phoneRowSchema.safeParse({ ...phone, "Suite donnée": "Rappel" }))).toEqual(["Suite donnée: suite donnée inconnue"]);
  });
  test("a phone row trims its fields", () => {
    expect(phoneRowSchema.parse({ ...phone, Motif: " Voirie " }).Motif).toBe("Voirie");
  });

  const event = {
    Référence: "BO-1",
    Origine: "téléphone",
    "Réf. origine": "T-1",
    Événement: "Clôture",
    "Date événement": "05/03/2026 10:00:00",
    Service: "VOIRIE",
    "Code résolution": "REPARE",
  };
  test.each([
    [{ Événement: "Annulation" }, "Événement: événement inconnu"],
    [{ Origine: "fax" }, "Origine: origine inconnue"],
    [{ "Code résolution": "FAIT" }, "Code résolution: code de résolution inconnu"],
  ])("a back-office row with %j is refused", (patch, message) => {
    expect(messages(backofficeRowSchema.safeParse({ ...event, ...patch }))).toEqual([message]);
  });
});
