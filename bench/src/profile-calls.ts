// deno-lint-ignore-file no-explicit-any -- inspector protocol replies are untyped
// Where a stdio tool call's client CPU goes: a V8 CPU profile (node:inspector) of the bench process
// while mcpwire, then SDK v2, make sequential and parallel calls to the raw server; self time per
// package and the top functions; then the same through the REST binding's `app.fetch` (no
// socket), to show what the binding adds per request. Node only.
// Env: CALLS (default 3000), BENCH_OUT. Run:
// node --conditions=@mcpwire/source --import tsx bench/src/profile-calls.ts
import { Session as Inspector } from "node:inspector";
import { createRestApp } from "@mcpwire/bindings-rest";
import { CORE_CONTENDERS, type Session } from "./_clients.ts";
import { type Profile, type ProfileSummary, summarizeProfile } from "./_profile.ts";
import { rawServerCommand } from "./_raw-server.ts";
import { emit } from "./_stats.ts";

const CALLS = Number(process.env.CALLS ?? 3000);
const inspector = new Inspector();
inspector.connect();
const post = (method: string, params?: object) =>
  new Promise<any>((resolve, reject) =>
    inspector.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res)))
  );

const profiles: Record<string, ProfileSummary & { cpuUsPerCall: number }> = {};
await post("Profiler.enable");
await post("Profiler.setSamplingInterval", { interval: 200 });
/** The REST binding's own cost: POSTs through `app.fetch` (no socket), same raw server. */
async function restSession(): Promise<Session> {
  const app = createRestApp({ mcpServers: { raw: rawServerCommand() } }, { apiKeys: [] });
  await app.ready();
  return {
    async call(i) {
      const response = await app.fetch(
        new Request("http://127.0.0.1/v1/servers/raw/tools/add", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ a: i, b: 1 }),
        }),
      );
      const body = await response.json() as { data?: { sum?: number } };
      if (body.data?.sum !== i + 1) throw new Error(`REST answered ${JSON.stringify(body)}`);
    },
    close: () => app.close(),
  };
}

const open: Record<string, () => Promise<Session>> = {
  mcpwire: () => CORE_CONTENDERS.find((c) => c.name === "mcpwire")!.open(rawServerCommand()),
  "SDK v2": () => CORE_CONTENDERS.find((c) => c.name === "SDK v2")!.open(rawServerCommand()),
  "REST binding via app.fetch (no socket)": restSession,
};
for (const name of Object.keys(open)) {
  const session = await open[name]!();
  for (let i = 0; i < 300; i++) await session.call(i); // warm-up
  const cpu = process.cpuUsage();
  await post("Profiler.start");
  for (let i = 0; i < CALLS; i++) await session.call(i);
  await Promise.all(Array.from({ length: CALLS }, (_, i) => session.call(i)));
  const { profile } = await post("Profiler.stop") as { profile: Profile };
  const used = process.cpuUsage(cpu);
  await session.close();
  profiles[name] = {
    ...summarizeProfile(profile, 15),
    cpuUsPerCall: (used.user + used.system) / (2 * CALLS),
  };
}
inspector.disconnect();
emit({ calls: CALLS, profiles });
for (const [name, p] of Object.entries(profiles)) {
  console.log(
    `${name}: ${p.cpuUsPerCall.toFixed(0)} µs CPU per call; by package: ` +
      p.packages.map(([k, v]) => `${k} ${((100 * v) / p.totalMs).toFixed(0)} %`).join(", "),
  );
  for (const [fn, ms] of p.functions.slice(0, 12)) {
    console.log(`  ${((100 * ms) / p.totalMs).toFixed(1)} % ${fn}`);
  }
}
