import { z } from "zod";
import type { PublishedTable } from "../../schemas/published/tables.ts";

/** A Frictionless Table Schema field. */
export interface TableSchemaField {
  name: string;
  type: "string" | "integer" | "number" | "boolean" | "date" | "datetime";
  description: string;
  constraints: Record<string, unknown>;
}

/** A Frictionless Table Schema (v2, readable by v1 tools). */
export interface TableSchema {
  $schema: string;
  fields: TableSchemaField[];
  missingValues: string[];
  primaryKey: string[];
}

/** Profile URL declared by generated Table Schemas. */
export const TABLE_SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json";

type JsonSchema = {
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  anyOf?: JsonSchema[];
  description?: string;
};

/** Table Schema patterns are implicitly anchored (XML Schema regex): drop `^` and `$`. */
const unanchor = (pattern: string): string => pattern.replace(/^\^/, "").replace(/\$$/, "");

/** Converts one zod column (via its JSON Schema) into a Table Schema field. */
export function fieldFromZod(name: string, column: z.ZodType): TableSchemaField {
  const json = z.toJSONSchema(column) as JsonSchema;
  const nullable = Array.isArray(json.anyOf);
  const base = (json.anyOf?.find((s) => s.type !== "null") ?? json) as JsonSchema;
  const description = json.description ?? base.description;
  if (!description) throw new Error(`colonne sans description : ${name}`);
  const constraints: Record<string, unknown> = { required: !nullable };
  let type: TableSchemaField["type"];
  if (base.type === "integer" || base.type === "number") {
    type = base.type;
    if (base.minimum !== undefined) constraints.minimum = base.minimum;
    if (base.maximum !== undefined && base.maximum < Number.MAX_SAFE_INTEGER) constraints.maximum = base.maximum;
  } else if (base.type === "boolean") {
    type = "boolean";
  } else if (base.type === "string" && base.format === "date") {
    type = "date";
  } else if (base.type === "string" && base.format === "date-time") {
    type = "datetime";
  } else if (base.type === "string") {
    type = "string";
    if (base.enum) constraints.enum = base.enum;
    if (base.pattern) constraints.pattern = unanchor(base.pattern);
    if (base.minLength !== undefined) constraints.minLength = base.minLength;
    if (base.maxLength !== undefined) constraints.maxLength = base.maxLength;
  } else {
    throw new Error(`type de colonne non pris en charge : ${name}`);
  }
  return { name, type, description, constraints };
}

/** Generates the Table Schema of a published table from its zod schema. */
export function tableSchemaOf(table: PublishedTable): TableSchema {
  const fields = Object.entries(table.schema.shape).map(([name, column]) => fieldFromZod(name, column as z.ZodType));
  return { $schema: TABLE_SCHEMA_PROFILE, fields, missingValues: [""], primaryKey: table.primaryKey };
}
