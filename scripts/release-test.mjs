#!/usr/bin/env node
// `npm run test:release`: a release dry run through a local npm registry. Starts verdaccio on
// 127.0.0.1 (temp storage; unknown packages come through the registry npm is configured with),
// packs the five packages from a clean build (their `prepack`), checks and publishes the tarballs,
// then installs them into fresh folders and runs real scripts against server-everything: Node plain
// JS, TypeScript (nodenext and bundler), Bun, Deno, `npx mcpwire-rest`, and an upgrade of core
// alone. Prints one line per scenario and `N passed, N failed`; exits non-zero when one fails.
// Usage: node scripts/release-test.mjs [--keep] [--only name,name]
import { execFile, spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkPackage } from "./check-pack.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "node_modules", ".bin");
const PACKAGES = ["core", "transport-stdio", "transport-http", "config", "bindings-rest"];
const EVERYTHING = join(ROOT, "node_modules/@modelcontextprotocol/server-everything/dist/index.js");
const TSC = join(ROOT, "node_modules/typescript/bin/tsc");
const keep = process.argv.includes("--keep");
const onlyArg = process.argv.indexOf("--only");
const only = onlyArg === -1 ? undefined : new Set(process.argv[onlyArg + 1].split(","));
const WORK = mkdtempSync(join(tmpdir(), "mcpwire-release-"));
const children = new Set();

/** Runs a command; resolves with its output, rejects with it (and the command) on failure. */
function run(cmd, args, { cwd = WORK, env = {}, timeout = 240_000 } = {}) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, {
      cwd,
      env: { ...process.env, NO_COLOR: "1", ...env },
      timeout,
      maxBuffer: 64 * 1024 * 1024,
    }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      if (error) {
        reject(new Error(`${[cmd, ...args].join(" ")} (in ${cwd}) failed: ${output.slice(-3000)}`));
      } else resolve(output);
    });
  });
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts a process and waits (with a deadline) for a line matching `ready` on its output. */
async function start(cmd, args, ready, { cwd = WORK, env = {}, deadlineMs = 60_000 } = {}) {
  // Its own process group, so stop() reaches what it starts (npx → sh → node → a server).
  const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, detached: true });
  children.add(child);
  child.on("exit", () => children.delete(child));
  let output = "";
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail("did not get ready in time"), deadlineMs);
    const fail = (why) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} ${args.join(" ")}: ${why}: ${output.slice(-2000)}`));
    };
    const onData = (chunk) => {
      output += chunk;
      const match = output.match(ready);
      if (match) (clearTimeout(timer), resolve(match));
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => fail(`exited with ${code}`));
  });
  return { child, output: () => output, match: output.match(ready) };
}

/** SIGTERM to the process group (a graceful stop closes the servers it started), SIGKILL after 5 s. */
async function stop(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const signal = (name) => {
    try {
      process.kill(-child.pid, name);
    } catch { /* already gone */ }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
  signal("SIGKILL"); // anything of the group still running
}

function write(dir, files) {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** Every installed copy of `@mcpwire/<name>` under a consumer's node_modules, with its version. */
function copiesOf(dir, name) {
  const found = [];
  const walk = (modules) => {
    if (!existsSync(modules)) return;
    const pkg = join(modules, "@mcpwire", name, "package.json");
    if (existsSync(pkg)) found.push(JSON.parse(readFileSync(pkg, "utf8")).version);
    for (const entry of readdirSync(modules)) {
      const scoped = entry.startsWith("@") ? readdirSync(join(modules, entry)) : [""];
      for (const sub of scoped) walk(join(modules, entry, sub, "node_modules"));
    }
  };
  walk(join(dir, "node_modules"));
  return found;
}

// ── the registry ─────────────────────────────────────────────────────────────────────────────
let registry;
let registryUrl;

async function startRegistry() {
  const upstream = (await run("npm", ["config", "get", "registry"], { cwd: ROOT })).trim();
  const port = await freePort();
  const dir = join(WORK, "registry");
  write(dir, {
    "config.yaml": [
      `storage: ${join(dir, "storage")}`,
      "auth:",
      "  htpasswd:",
      `    file: ${join(dir, "htpasswd")}`,
      "    max_users: 10",
      "uplinks:",
      "  upstream:",
      `    url: ${upstream}`,
      "    timeout: 120s",
      "packages:",
      "  '@mcpwire/*':",
      "    access: $all",
      "    publish: $authenticated",
      "  '**':",
      "    access: $all",
      "    proxy: upstream",
      "log: { type: stdout, format: pretty, level: warn }",
      "",
    ].join("\n"),
  });
  registryUrl = `http://127.0.0.1:${port}/`;
  const verdaccio = join(ROOT, "node_modules/verdaccio/bin/verdaccio");
  const args = [verdaccio, "--config", join(dir, "config.yaml"), "--listen", `127.0.0.1:${port}`];
  registry = spawn(process.execPath, args, {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  children.add(registry);
  let log = "";
  registry.stdout.on("data", (d) => (log = (log + d).slice(-4000)));
  registry.stderr.on("data", (d) => (log = (log + d).slice(-4000)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${registryUrl}-/ping`)).ok) break;
    } catch { /* not listening yet */ }
    if (registry.exitCode !== null || Date.now() > deadline) {
      throw new Error(`verdaccio did not start: ${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const user = await fetch(`${registryUrl}-/user/org.couchdb.user:release-test`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "release-test", password: "release-test", type: "user" }),
  });
  const { token } = await user.json();
  assert(token, `verdaccio gave no token (${user.status})`);
  write(WORK, {
    "publish.npmrc": `registry=${registryUrl}\n//127.0.0.1:${port}/:_authToken=${token}\n`,
  });
}

async function publish(tarball) {
  const userconfig = join(WORK, "publish.npmrc");
  await run("npm", ["publish", tarball, "--userconfig", userconfig, "--ignore-scripts"]);
}

// ── packing ──────────────────────────────────────────────────────────────────────────────────
const tarballs = {};

/** Packs each package from a clean dist/ (so only its prepack can build it), checks, publishes. */
async function packAndPublish() {
  const dest = join(WORK, "tarballs");
  mkdirSync(dest, { recursive: true });
  const problems = [];
  for (const name of PACKAGES) {
    const dir = join(ROOT, "packages", name);
    rmSync(join(dir, "dist"), { recursive: true, force: true });
    const out = await run("npm", ["pack", "--json", "--pack-destination", dest], {
      cwd: dir,
      env: { TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" },
    });
    // prepack's own output (turbo) is on stdout too: the JSON is the block from "[" to "]".
    const [pack] = JSON.parse(out.match(/^\[\n[\s\S]*?^\]$/m)?.[0] ?? out);
    const found = checkPackage(dir, pack.files.map((f) => f.path));
    if (found.length) problems.push(`${pack.name}: ${found.join("; ")}`);
    tarballs[name] = join(dest, pack.filename);
  }
  assert(problems.length === 0, `tarballs are incomplete:\n  ${problems.join("\n  ")}`);
  for (const name of PACKAGES) await publish(tarballs[name]);
}

// ── consumers ────────────────────────────────────────────────────────────────────────────────
/** A fresh consumer folder that installs from the local registry. */
function consumer(name, files = {}) {
  const dir = join(WORK, "consumers", name);
  rmSync(dir, { recursive: true, force: true });
  return write(dir, {
    ".npmrc": `registry=${registryUrl}\n`,
    "package.json": JSON.stringify({ name: `consumer-${name}`, private: true, type: "module" }),
    ...files,
  });
}

const npmInstall = (dir, ...pkgs) =>
  run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...pkgs], { cwd: dir });

/** Connects to a server source, lists tools and calls get-sum: the script every consumer runs. */
const CLIENT_SCRIPT = (source) => `
import { Client, McpwireError } from "@mcpwire/core";
const client = await new Client(${source}).connect();
try {
  const tools = await client.listTools();
  // A config names tools after their server when it has several; match the end of the name.
  const sum = tools.find((t) => t.name.endsWith("get-sum"));
  if (!sum) throw new Error("no get-sum tool in " + tools.map((t) => t.name).join(", "));
  const result = await client.callTool(sum.name, { a: 2, b: 3 });
  const text = JSON.stringify(result);
  if (!text.includes("5")) throw new Error("unexpected result " + text);
  console.log("ok " + tools.length + " tools; McpwireError " + typeof McpwireError);
} finally {
  await client.close();
}
`;

async function withHttpEverything(fn) {
  const port = await freePort();
  const server = await start(process.execPath, [EVERYTHING, "streamableHttp"], / on port \d+/, {
    env: { PORT: String(port) },
  });
  try {
    return await fn(`http://127.0.0.1:${port}/mcp`);
  } finally {
    await stop(server.child);
  }
}

const SCENARIOS = {
  async "node-core-alone"() {
    const dir = consumer("core-alone", {
      "main.mjs": `
import { Client, MissingPackageError } from "@mcpwire/core";
try {
  await new Client("http://127.0.0.1:9/mcp").connect();
  throw new Error("connected without a transport");
} catch (err) {
  if (!(err instanceof MissingPackageError)) throw err;
  if (!err.message.includes("npm install @mcpwire/transport-http")) throw err;
  console.log("ok " + err.message);
}
`,
    });
    await npmInstall(dir, "@mcpwire/core");
    for (const pkg of ["hono", "@mcpwire/transport-http", "@mcpwire/transport-stdio"]) {
      assert(!existsSync(join(dir, "node_modules", pkg)), `core alone installed ${pkg}`);
    }
    return await run("node", ["main.mjs"], { cwd: dir });
  },

  async "node-core-stdio"() {
    const dir = consumer("core-stdio", { "main.mjs": CLIENT_SCRIPT(JSON.stringify(EVERYTHING)) });
    await npmInstall(dir, "@mcpwire/core", "@mcpwire/transport-stdio");
    assert(!existsSync(join(dir, "node_modules", "hono")), "core + stdio installed hono");
    return await run("node", ["main.mjs"], { cwd: dir });
  },

  async "node-core-http"() {
    const dir = consumer("core-http", { "main.mjs": CLIENT_SCRIPT("process.argv[2]") });
    await npmInstall(dir, "@mcpwire/core", "@mcpwire/transport-http");
    return await withHttpEverything((url) => run("node", ["main.mjs", url], { cwd: dir }));
  },

  async "node-core-config"() {
    const config = { mcpServers: { everything: { command: "node", args: [EVERYTHING] } } };
    const dir = consumer("core-config", {
      "main.mjs": CLIENT_SCRIPT(JSON.stringify(config)),
      "missing.mjs": `
import { Client, MissingPackageError } from "@mcpwire/core";
try {
  await new Client(${JSON.stringify(config)}).connect();
  throw new Error("connected without @mcpwire/transport-stdio");
} catch (err) {
  if (!(err instanceof MissingPackageError)) throw err;
  if (!err.message.includes("npm install @mcpwire/transport-stdio")) throw err;
  console.log("ok " + err.message);
}
`,
    });
    // The transports are optional peers of config: none comes with it.
    await npmInstall(dir, "@mcpwire/core", "@mcpwire/config");
    for (const pkg of ["@mcpwire/transport-http", "@mcpwire/transport-stdio", "hono"]) {
      assert(!existsSync(join(dir, "node_modules", pkg)), `core + config installed ${pkg}`);
    }
    let out = await run("node", ["missing.mjs"], { cwd: dir });
    await npmInstall(dir, "@mcpwire/transport-stdio");
    out += await run("node", ["main.mjs"], { cwd: dir });
    return out;
  },

  async "typescript"() {
    const main = `
import { Client, McpwireError, ToolError, type CallToolResult } from "@mcpwire/core";
import { StreamableHttpTransport } from "@mcpwire/transport-http";
export async function use(url: string): Promise<number> {
  const client = new Client(new StreamableHttpTransport(new URL(url)));
  const seen: number[] = [];
  try {
    const result: CallToolResult = await client.callTool("get-sum", { a: 1, b: 2 }, {
      onProgress: (progress) => seen.push(progress),
    });
    return result.content.length + seen.length;
  } catch (err) {
    if (err instanceof ToolError) return err.result.content.length;
    if (err instanceof McpwireError) return err.code.length;
    throw err;
  } finally {
    await client.close();
  }
}
`;
    const tsconfig = (module, resolution) =>
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          lib: ["ES2023", "ESNext.Disposable", "DOM"],
          module,
          moduleResolution: resolution,
          strict: true,
          noEmit: true,
          // As most projects do (and it keeps this step fast): errors inside .d.ts files are not
          // reported, but every import of main.ts must resolve to the published types.
          skipLibCheck: true,
          types: ["node"],
        },
        files: ["main.ts"],
      });
    const dir = consumer("typescript", {
      "main.ts": main,
      "tsconfig.nodenext.json": tsconfig("nodenext", "nodenext"),
      "tsconfig.bundler.json": tsconfig("esnext", "bundler"),
    });
    // The SDK's types mention Node's Buffer: a Node project has @types/node (the repository's).
    const typesNode = JSON.parse(
      readFileSync(join(ROOT, "node_modules/@types/node/package.json"), "utf8"),
    ).version;
    await npmInstall(dir, "@mcpwire/core", "@mcpwire/transport-http", `@types/node@${typesNode}`);
    let out = "";
    for (const config of ["tsconfig.nodenext.json", "tsconfig.bundler.json"]) {
      out += await run("node", [TSC, "-p", config], { cwd: dir });
      out += `ok ${config}\n`;
    }
    return out;
  },

  async "bun"() {
    const dir = consumer("bun", {
      "bunfig.toml": `[install]\nregistry = "${registryUrl}"\n`,
      "main.ts": CLIENT_SCRIPT(JSON.stringify(EVERYTHING)),
    });
    await run(join(BIN, "bun"), ["add", "@mcpwire/core", "@mcpwire/transport-stdio"], { cwd: dir });
    return await run(join(BIN, "bun"), ["main.ts"], { cwd: dir });
  },

  async "deno"() {
    const dir = consumer("deno", {
      "deno.json": JSON.stringify({ minimumDependencyAge: 0 }),
      "main.ts": CLIENT_SCRIPT("Deno.args[0]"),
      "missing.ts": `
import { Client, MissingPackageError } from "@mcpwire/core";
try {
  await new Client("server.py").connect();
} catch (err) {
  if (!(err instanceof MissingPackageError)) throw err;
  if (!err.message.includes("deno add npm:@mcpwire/transport-stdio")) throw err;
  console.log("ok " + err.message);
}
`,
    });
    const env = { NPM_CONFIG_REGISTRY: registryUrl };
    const deno = join(BIN, "deno");
    await run(deno, ["add", "npm:@mcpwire/core", "npm:@mcpwire/transport-http"], { cwd: dir, env });
    let out = await withHttpEverything((url) =>
      run(deno, ["run", "-A", "main.ts", url], { cwd: dir, env })
    );
    out += await run(deno, ["run", "-A", "missing.ts"], { cwd: dir, env });
    return out;
  },

  async "npx-mcpwire-rest"() {
    const dir = consumer("rest");
    await npmInstall(dir, "@mcpwire/bindings-rest");
    const help = await run("npx", ["mcpwire-rest", "--help"], { cwd: dir });
    assert(help.includes("usage: mcpwire-rest"), `no usage: ${help}`);
    await npmInstall(dir, "@mcpwire/transport-stdio");
    const rest = await start(
      "npx",
      ["mcpwire-rest", EVERYTHING, "--port", "0"],
      /listening on (\S+)/,
      {
        cwd: dir,
      },
    );
    try {
      const base = rest.match[1];
      const response = await fetch(`${base}/v1/openapi.json`);
      const text = await response.text();
      assert(
        response.ok && text.includes("get-sum"),
        `openapi: ${response.status} ${text.slice(0, 300)}`,
      );
      return `ok ${base}\n`;
    } finally {
      await stop(rest.child);
    }
  },

  async "changeset-version"() {
    // The release flow's first step, in a clone of the committed tree: the repository is untouched.
    const clone = join(WORK, "clone");
    rmSync(clone, { recursive: true, force: true });
    await run("git", ["clone", "-q", ROOT, clone]);
    symlinkSync(join(ROOT, "node_modules"), join(clone, "node_modules"));
    const version = (name) =>
      JSON.parse(readFileSync(join(clone, "packages", name, "package.json"), "utf8")).version;
    const before = version("core");
    const pending = readdirSync(join(clone, ".changeset"))
      .filter((f) => f.endsWith(".md") && f !== "README.md")
      .map((f) => readFileSync(join(clone, ".changeset", f), "utf8"));
    const out = await run(join(BIN, "changeset"), ["version"], { cwd: clone });
    await run("node", [join(ROOT, "scripts", "sync-deno-versions.mjs"), clone]);
    // as `npm run version-packages` does: CORE_VERSION follows core's new version
    await run("node", [join(clone, "scripts", "version-constant.mjs")], { cwd: clone });
    await run("node", [join(clone, "scripts", "check-versions.mjs")], { cwd: clone });
    const after = PACKAGES.map(version);
    assert(new Set(after).size === 1, `the fixed group split: ${after.join(", ")}`);
    if (pending.length) {
      assert(after[0] !== before, `changeset version left core at ${before}`);
    }
    // A peer dependency (config → transports) must not turn a minor release into a major one.
    const majorAsked = pending.some((text) => /^"@mcpwire\/[^"]+":\s*major/m.test(text));
    const major = (v) => v.split(".")[0];
    assert(
      majorAsked || major(after[0]) === major(before),
      `no changeset asks for it, yet ${before} -> ${after[0]}`,
    );
    const stdio = JSON.parse(
      readFileSync(join(clone, "packages", "transport-stdio", "package.json"), "utf8"),
    );
    const range = stdio.dependencies["@mcpwire/core"];
    assert(/^[\^~]/.test(range), `transport-stdio depends on core ${range}, not a range`);
    return `${out}\nok ${before} -> ${after[0]}, transport-stdio -> core ${range}`;
  },

  async "upgrade-core-alone"() {
    const dir = consumer("upgrade", {
      "main.mjs": `
import { McpwireError, ConnectionError } from "@mcpwire/core";
import { StdioTransport } from "@mcpwire/transport-stdio";
import * as old from "core-old";
const t = new StdioTransport({ command: "definitely-not-a-command-mcpwire" });
let caught;
try { await t.start(); } catch (err) { caught = err; }
if (!caught) throw new Error("started a missing command");
if (!(caught instanceof McpwireError)) throw new Error("transport error is no McpwireError: " + caught);
const fromOld = new old.ConnectionError("from 0.1.0");
if (!(fromOld instanceof McpwireError) || !(fromOld instanceof ConnectionError)) {
  throw new Error("an error from the other installed version of core is not recognised");
}
console.log("ok " + caught.name);
`,
    });
    await npmInstall(dir, "@mcpwire/core", "@mcpwire/transport-stdio");
    const before =
      JSON.parse(readFileSync(join(dir, "node_modules/@mcpwire/core/package.json"), "utf8"))
        .version;
    // Publish core alone as the next patch version, then upgrade core alone.
    const next = before.replace(/\d+$/, (n) => String(Number(n) + 1));
    const unpacked = join(WORK, "core-next");
    rmSync(unpacked, { recursive: true, force: true });
    mkdirSync(unpacked, { recursive: true });
    await run("tar", ["-xzf", tarballs.core, "-C", unpacked]);
    const pkgFile = join(unpacked, "package", "package.json");
    const pkg = JSON.parse(readFileSync(pkgFile, "utf8"));
    pkg.version = next;
    writeFileSync(pkgFile, JSON.stringify(pkg, null, 2));
    await publish(join(unpacked, "package"));
    await npmInstall(dir, `@mcpwire/core@${next}`, `core-old@npm:@mcpwire/core@${before}`);
    const copies = copiesOf(dir, "core");
    assert(
      copies.length === 1 && copies[0] === next,
      `after upgrading core to ${next}: installed copies of @mcpwire/core: ${copies.join(", ")}`,
    );
    return await run("node", ["main.mjs"], { cwd: dir });
  },
};

// ── main ─────────────────────────────────────────────────────────────────────────────────────
const results = [];
async function step(name, fn) {
  const started = performance.now();
  try {
    const out = await fn();
    results.push({ name, ok: true });
    const last = String(out ?? "").trim().split("\n").filter((l) => l.startsWith("ok")).at(-1);
    console.log(
      `ok   ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)${
        last ? ` — ${last}` : ""
      }`,
    );
  } catch (error) {
    results.push({ name, ok: false });
    console.log(
      `FAIL ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)\n${error.message}`,
    );
  }
}

async function cleanup() {
  await Promise.all([...children].map(stop));
  if (!keep) rmSync(WORK, { recursive: true, force: true });
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => void cleanup().finally(() => process.exit(1)));
}

const t0 = performance.now();
try {
  await step("registry", startRegistry);
  if (results.every((r) => r.ok)) await step("pack and publish", packAndPublish);
  if (results.every((r) => r.ok)) {
    const selected = Object.entries(SCENARIOS).filter(([name]) => !only || only.has(name));
    // Two at a time: installs wait on the network, runs on the CPU.
    const queue = [...selected];
    await Promise.all([0, 1].map(async () => {
      while (queue.length) {
        const [name, fn] = queue.shift();
        await step(name, fn);
      }
    }));
  }
} finally {
  await cleanup();
}
const failed = results.filter((r) => !r.ok).length;
console.log(
  `release test: ${((performance.now() - t0) / 1000).toFixed(0)} s${
    keep ? `, files in ${WORK}` : ""
  }`,
);
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
