// Summarizes a V8 .cpuprofile (from `node --cpu-prof`): self time per package and per function.
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
/** Self time: total, per package, per function (ms). */
export interface ProfileSummary {
  totalMs: number;
  packages: [string, number][];
  functions: [string, number][];
}

/** The parts of a V8 CPU profile used here. */
export interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time in ms per package and the top functions, from a .cpuprofile file. */
export function summarizeProfile(
  source: string | Profile,
  top = 12,
): ProfileSummary {
  const profile = typeof source === "string"
    ? JSON.parse(readFileSync(source, "utf8")) as Profile
    : source;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const packages = new Map<string, number>();
  const functions = new Map<string, number>();
  let totalMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const frame = byId.get(id)!.callFrame;
    totalMs += ms;
    const pkg = packageOf(frame.url, frame.functionName);
    packages.set(pkg, (packages.get(pkg) ?? 0) + ms);
    const fn = `${frame.functionName || "(anonymous)"} ${shortUrl(frame.url)}:${
      frame.lineNumber + 1
    }`;
    const name = frame.url ? fn : frame.functionName;
    functions.set(name, (functions.get(name) ?? 0) + ms);
  });
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  return { totalMs, packages: sorted(packages), functions: sorted(functions) };
}

function packageOf(url: string, fn: string): string {
  if (!url) return fn.startsWith("(") ? fn : "(native)";
  if (url.startsWith("node:")) return "node internals";
  const nm = url.lastIndexOf("node_modules/");
  if (nm !== -1) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.includes("/packages/") || url.includes("mcpwire")) return "mcpwire";
  return "bench script";
}

function shortUrl(url: string): string {
  const nm = url.lastIndexOf("node_modules/");
  if (nm !== -1) return url.slice(nm + "node_modules/".length);
  return url.replace(/^.*\/(packages|bench)\//, "$1/");
}
