// Small statistics and output helpers shared by the bench scripts that main.ts adds.
import { writeFileSync } from "node:fs";

/** Median and interquartile spread of some samples. */
export interface Summary {
  median: number;
  p25: number;
  p75: number;
  n: number;
}

/** The q-quantile of xs (linear interpolation). */
export function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo]! + (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!) * (at - lo);
}

/** The median of xs (the mean of the middle two when their number is even). */
export function median(xs: number[]): number {
  return quantile(xs, 0.5);
}

/** Median with p25–p75. */
export function summarize(xs: number[]): Summary {
  return {
    median: quantile(xs, 0.5),
    p25: quantile(xs, 0.25),
    p75: quantile(xs, 0.75),
    n: xs.length,
  };
}

/** The list rotated by n, so each contender takes every position over the rounds. */
export function rotate<T>(xs: T[], n: number): T[] {
  return xs.map((_, i) => xs[(i + n) % xs.length]!);
}

/** Writes the script's result to $BENCH_OUT (main.ts reads it), if set. */
export function emit(result: unknown): void {
  const out = process.env.BENCH_OUT;
  if (out) writeFileSync(out, JSON.stringify(result, null, 2));
}

/** Formats a summary as "median (p25–p75)". */
export function fmt(s: Summary | undefined, digits = 0): string {
  if (!s || Number.isNaN(s.median)) return "—";
  return `${s.median.toFixed(digits)} (${s.p25.toFixed(digits)}–${s.p75.toFixed(digits)})`;
}
