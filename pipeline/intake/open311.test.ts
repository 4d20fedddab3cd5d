import { describe, expect, test } from "vitest";
import { open311RequestSchema } from "../../schemas/channels/open311.ts";
import { fastOpen311Request } from "./open311.ts";

const base: Record<string, unknown> = {
  service_request_id: "WEB-202603-000001",
  service_code: "nid_de_poule",
  description: "Trou exemple",
  lat: 48.58,
  long: 7.75,
  address_string: "1 rue Exemple",
  requested_datetime: "2026-03-10T09:15:00+01:00",
  first_name: "Camille",
  last_name: "Exemple",
  email: "camille@exemple.invalid",
  phone: null,
  media_url: null,
  device: "web",
};

const without = (key: string) => Object.fromEntries(Object.entries(base).filter(([k]) => k !== key));

describe("the fast path agrees with open311RequestSchema", () => {
  test.each([
    ["a complete request", base],
    ["app device", { ...base, device: "app" }],
    ["an id to trim", { ...base, service_request_id: "  W-2 " }],
    ["optional fields absent", without("description")],
    ["coordinates absent", without("lat")],
    ["coordinates null", { ...base, lat: null, long: null }],
    ["blank optional text", { ...base, address_string: "   " }],
    ["text kept untrimmed", { ...base, description: "  espaces  " }],
    ["an extra field", { ...base, autre: 1 }],
    ["Z and fractional seconds", { ...base, requested_datetime: "2026-03-10T08:15:00.123Z" }],
    ["29 February of a leap year", { ...base, requested_datetime: "2024-02-29T08:15:00Z" }],
    ["29 February of another year", { ...base, requested_datetime: "2026-02-29T08:15:00Z" }],
    ["no seconds", { ...base, requested_datetime: "2026-03-10T09:15+01:00" }],
    ["no offset", { ...base, requested_datetime: "2026-03-10T09:15:00" }],
    ["offset out of range", { ...base, requested_datetime: "2026-03-10T09:15:00+24:00" }],
    ["French date", { ...base, requested_datetime: "10/03/2026 09:15" }],
    ["an empty id", { ...base, service_request_id: " " }],
    ["a 64-character id", { ...base, service_request_id: "x".repeat(64) }],
    ["a 65-character id", { ...base, service_request_id: "x".repeat(65) }],
    ["a numeric id", { ...base, service_request_id: 12 }],
    ["an empty service code", { ...base, service_code: "" }],
    ["a blank service code (kept: not trimmed)", { ...base, service_code: " " }],
    ["missing service code", without("service_code")],
    ["latitude at the limit", { ...base, lat: 90, long: -180 }],
    ["latitude past the limit", { ...base, lat: 90.0001 }],
    ["coordinate as text", { ...base, long: "7.75" }],
    ["a description of 4000 characters", { ...base, description: "d".repeat(4000) }],
    ["a description of 4001 characters", { ...base, description: "d".repeat(4001) }],
    ["a phone of 51 characters", { ...base, phone: "0".repeat(51) }],
    ["a numeric phone", { ...base, phone: 612345678 }],
    ["an unknown device", { ...base, device: "kiosque" }],
    ["missing device", without("device")],
  ])("%s", (_name, value) => {
    const parsed = open311RequestSchema.safeParse(value);
    const fast = fastOpen311Request(value);
    if (parsed.success) expect(fast).toEqual(parsed.data);
    else expect(fast).toBeNull();
  });

  test("a fast-path request is exactly what the schema returns, by hand", () => {
    expect(fastOpen311Request({ ...base, service_request_id: " W-3 ", address_string: " ", lat: undefined, long: undefined })).toEqual({
      service_request_id: "W-3",
      service_code: "nid_de_poule",
      description: "Trou exemple",
      address_string: null,
      requested_datetime: "2026-03-10T09:15:00+01:00",
      first_name: "Camille",
      last_name: "Exemple",
      email: "camille@exemple.invalid",
      phone: null,
      media_url: null,
      device: "web",
    });
  });
});
