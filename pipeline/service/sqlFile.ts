import path from "node:path";
import { fileURLToPath } from "node:url";

/** The intake service's SQL statements file. */
export const SERVICE_SQL_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), "sql", "service.sql");
