// deno-lint-ignore-file no-explicit-any -- inspector protocol replies are untyped
// Where a stdio tool call's client CPU goes: a V8 CPU profile (node:inspector) of the bench process
// while mcpwire, then SDK v2, make sequential and parallel calls to the raw server; self time per
// package and the top functions. Node only.
// Env: CALLS (default 3000), BENCH_OUT. Run:
// node --conditions=@mcpwire/source --import tsx bench/src/profile-calls.ts
import { Session as Inspector } from "node:inspector";
import { CORE_CONTENDERS } from "./_clients.ts";
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
for (const name of ["mcpwire", "SDK v2"]) {
  const session = await CORE_CONTENDERS.find((c) => c.name === name)!.open(rawServerCommand());
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
