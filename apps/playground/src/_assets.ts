// The web UI's static assets: built from ui/ with esbuild into dist/ui/ when missing or older
// than their sources, then served from memory.
import { mkdir, readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");
/** Where the UI's sources are. */
export const UI_DIR: string = join(APP_DIR, "ui");
/** Where the built assets go. */
export const OUT_DIR: string = join(APP_DIR, "dist", "ui");

/** The built UI. */
export interface Assets {
  js: string;
  css: string;
}

async function newest(dir: string): Promise<number> {
  let latest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? await newest(path) : (await stat(path)).mtimeMs;
    latest = Math.max(latest, time);
  }
  return latest;
}

async function builtAt(): Promise<number> {
  try {
    const times = await Promise.all(["app.js", "app.css"].map((f) => stat(join(OUT_DIR, f))));
    return Math.min(...times.map((t) => t.mtimeMs));
  } catch {
    return -1;
  }
}

/**
 * Bundles the UI (preact + TSX) into `dist/ui/app.js` and `app.css`.
 *
 * @throws {Error} when esbuild is not installed or the UI does not compile
 */
export async function buildAssets(): Promise<void> {
  let esbuild: typeof import("esbuild");
  try {
    esbuild = await import("esbuild");
  } catch (cause) {
    throw new Error("cannot build the playground UI: esbuild is not installed (run npm ci)", {
      cause,
    });
  }
  const result = await esbuild.build({
    write: false,
    entryPoints: { app: join(UI_DIR, "main.tsx") },
    outdir: OUT_DIR,
    bundle: true,
    format: "esm",
    target: "es2022",
    jsx: "automatic",
    jsxImportSource: "preact",
    minify: true,
    sourcemap: false,
    logLevel: "error",
    legalComments: "none",
  });
  // Written aside then renamed, so a playground starting meanwhile never reads half a file.
  await mkdir(OUT_DIR, { recursive: true });
  for (const file of result.outputFiles) {
    const temp = `${file.path}.${crypto.randomUUID()}.tmp`;
    await writeFile(temp, file.contents);
    await rename(temp, file.path);
  }
}

/** Builds the UI if it is missing or stale, then reads it. */
export async function loadAssets(): Promise<Assets> {
  const [built, changed] = await Promise.all([builtAt(), newest(UI_DIR).catch(() => 0)]);
  if (built < 0 || built < changed) {
    try {
      await buildAssets();
    } catch (error) {
      if (built < 0) throw error;
    }
  }
  const [js, css] = await Promise.all([
    readFile(join(OUT_DIR, "app.js"), "utf8"),
    readFile(join(OUT_DIR, "app.css"), "utf8"),
  ]);
  return { js, css };
}
