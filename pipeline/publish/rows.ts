/** A value of a published row. */
export type Value = string | number | boolean | null;
/** A row as plain object, column name → value. */
export type Row = Record<string, Value>;
