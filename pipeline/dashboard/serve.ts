/** A small static file server for the built dashboard, bound to 127.0.0.1 only. */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { CliError, EXIT } from "../errors.ts";
import { DEFAULT_DIST_DIR } from "./build.ts";

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".geojson": "application/geo+json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".parquet": "application/vnd.apache.parquet",
  ".zip": "application/zip",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
};

/** Maps a URL path to a file of `root` (clean URLs: `/a` → `a.html`, `/d/` → `d/index.html`); undefined if none. */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split("?")[0] ?? "/");
  } catch {
    return undefined;
  }
  const full = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  if (full !== root && !full.startsWith(`${root}${path.sep}`)) return undefined;
  const candidates = decoded.endsWith("/") ? [path.join(full, "index.html")] : [full, `${full}.html`, path.join(full, "index.html")];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

/** A running dashboard server. */
export interface DashboardServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves a built dashboard folder on 127.0.0.1 (port 0 picks a free port). */
export async function serveDashboard({
  port = 3000,
  dir = DEFAULT_DIST_DIR,
}: {
  port?: number;
  dir?: string;
} = {}): Promise<DashboardServer> {
  const root = path.resolve(dir);
  if (!existsSync(path.join(root, "index.html"))) {
    throw new CliError(
      `Tableau de bord non construit : ${root}/index.html introuvable.`,
      EXIT.failure,
      "Lancez d'abord : signalements dashboard build",
    );
  }
  const server: Server = createServer((req, res) => {
    const file = req.method === "GET" || req.method === "HEAD" ? resolveStaticPath(root, req.url ?? "/") : undefined;
    if (!file) {
      const notFound = path.join(root, "404.html");
      res.writeHead(404, { "content-type": MIME[".html"] as string });
      if (existsSync(notFound) && req.method === "GET") createReadStream(notFound).pipe(res);
      else res.end("Page introuvable");
      return;
    }
    res.writeHead(200, {
      "content-type": MIME[path.extname(file)] ?? "application/octet-stream",
      "content-length": statSync(file).size,
      "x-content-type-options": "nosniff",
    });
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new CliError(`Le port ${port} est déjà utilisé.`, EXIT.usage, "Choisissez-en un autre avec --port.")
          : error,
      ),
    );
    server.listen(port, "127.0.0.1", resolve);
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}/`,
    port: actual,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
