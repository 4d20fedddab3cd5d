/**
 * Fills Observable Framework's npm cache from node_modules so that the dashboard builds with no network.
 *
 * Framework resolves `npm:` imports cache-first: when `<root>/.observablehq/cache/_npm/<name>@<version>/_esm.js`
 * exists it is used and nothing is fetched. We bundle each package with esbuild into that layout, with its
 * dependencies left as sibling `../<dep>@<version>/_esm.js` imports, as the CDN lays them out.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build, type Plugin } from "esbuild";
import { PROJECT_ROOT } from "../reference.ts";

/** Packages the pages and Framework's client import through `npm:` (implicit imports and FileAttachment helpers). */
export const VENDORED_PACKAGES = ["@observablehq/plot", "d3", "d3-dsv", "htl", "@observablehq/inputs"] as const;

/**
 * Libraries whose version Framework's client bundle looks up (recommended libraries loaded only on use).
 * An empty `name@version` directory answers the lookup; none of them is ever loaded by our pages.
 */
export const VERSION_ONLY_PACKAGES: Record<string, string> = {
  "@observablehq/sample-datasets": "1.0.1",
  "apache-arrow": "21.2.0",
  "parquet-wasm": "0.6.1",
  arquero: "5.4.0",
  echarts: "5.5.1",
  leaflet: "1.9.4",
  lodash: "4.17.21",
  "mapbox-gl": "3.7.0",
  react: "18.3.1",
  "react-dom": "18.3.1",
  "topojson-client": "3.1.0",
};

/** One package found in node_modules. */
interface Located {
  name: string;
  version: string;
  dir: string;
  dependencies: string[];
}

/** Finds the folder of package `name` as Node would from `fromDir` (walking up node_modules folders). */
export function findPackageDir(name: string, fromDir: string): string | undefined {
  let dir = fromDir;
  for (;;) {
    const candidate = path.join(dir, "node_modules", name);
    if (existsSync(path.join(candidate, "package.json"))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function locate(name: string, fromDir: string): Located {
  const dir = findPackageDir(name, fromDir);
  if (!dir) throw new Error(`Paquet introuvable dans node_modules : ${name} (lancez npm ci)`);
  const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as {
    version: string;
    dependencies?: Record<string, string>;
  };
  return { name, version: pkg.version, dir, dependencies: Object.keys(pkg.dependencies ?? {}) };
}

/** The relative import from one cached package's `_esm.js` to another's, as the CDN cache lays them out. */
export function siblingImport(fromName: string, toName: string, toVersion: string): string {
  const up = fromName.startsWith("@") ? "../../" : "../";
  return `${up}${toName}@${toVersion}/_esm.js`;
}

/** Bundles one package into `_npm/<name>@<version>/_esm.js`; returns the dependencies it imports. */
async function bundlePackage(pkg: Located, npmDir: string): Promise<Located[]> {
  const deps = new Map<string, Located>();
  const externalize: Plugin = {
    name: "cdn-layout",
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.kind === "entry-point") return undefined;
        if (!pkg.dependencies.includes(args.path)) return undefined; // subpaths and undeclared: bundled in
        const dep = locate(args.path, args.resolveDir);
        deps.set(dep.name, dep);
        return { path: siblingImport(pkg.name, dep.name, dep.version), external: true };
      });
    },
  };
  const nodeModules = pkg.name.startsWith("@") ? path.dirname(path.dirname(pkg.dir)) : path.dirname(pkg.dir);
  const result = await build({
    entryPoints: [pkg.name],
    absWorkingDir: path.dirname(nodeModules),
    nodePaths: [nodeModules],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    mainFields: ["module", "browser", "main"],
    conditions: ["browser", "import", "module"],
    minify: true,
    legalComments: "eof",
    write: false,
    logLevel: "silent",
    plugins: [externalize],
  });
  const out = path.join(npmDir, `${pkg.name}@${pkg.version}`, "_esm.js");
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, result.outputFiles[0]?.text ?? "");
  return [...deps.values()];
}

/** Result of a vendoring run. */
export interface VendorResult {
  npmDir: string;
  bundled: string[];
  versionOnly: string[];
}

/** Wipes and refills `<root>/.observablehq/cache/_npm` from node_modules. */
export async function vendorNpmCache(root = path.join(PROJECT_ROOT, "dashboard")): Promise<VendorResult> {
  const npmDir = path.join(root, ".observablehq", "cache", "_npm");
  rmSync(npmDir, { recursive: true, force: true });
  mkdirSync(npmDir, { recursive: true });
  const done = new Set<string>();
  const queue = VENDORED_PACKAGES.map((name) => locate(name, PROJECT_ROOT));
  while (queue.length > 0) {
    const pkg = queue.shift() as Located;
    const key = `${pkg.name}@${pkg.version}`;
    if (done.has(key)) continue;
    done.add(key);
    queue.push(...(await bundlePackage(pkg, npmDir)));
  }
  for (const [name, version] of Object.entries(VERSION_ONLY_PACKAGES)) {
    mkdirSync(path.join(npmDir, `${name}@${version}`), { recursive: true });
  }
  return {
    npmDir,
    bundled: [...done].sort(),
    versionOnly: Object.entries(VERSION_ONLY_PACKAGES).map(([n, v]) => `${n}@${v}`),
  };
}
