// `Accept` negotiation with q-values (RFC 9110 §12.5.1): the most specific matching range gives a
// media type its quality, the best offer wins, and ties go to the first offer.

/** One media range of an `Accept` header. */
interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

function parseRange(part: string): MediaRange | undefined {
  const [range, ...params] = part.split(";");
  const [type, subtype] = (range ?? "").trim().toLowerCase().split("/");
  if (!type || !subtype) return undefined;
  let q = 1;
  for (const param of params) {
    const [name, value] = param.split("=").map((x) => x.trim().toLowerCase());
    if (name === "q") {
      const n = Number(value);
      q = Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0;
    }
  }
  return { type, subtype, q };
}

/** The media ranges of an `Accept` header; `undefined` when it is absent or empty (anything goes). */
export function parseAccept(header: string | null | undefined): MediaRange[] | undefined {
  if (!header || header.trim() === "") return undefined;
  const ranges = header.split(",").map(parseRange).filter((r) => r !== undefined);
  return ranges.length > 0 ? ranges : undefined;
}

/** The quality `ranges` give a media type such as `application/json`: 0 means not acceptable. */
export function quality(ranges: readonly MediaRange[] | undefined, mediaType: string): number {
  if (!ranges) return 1;
  const [type, subtype] = mediaType.toLowerCase().split(";")[0]!.trim().split("/");
  let best = -1;
  let q = 0;
  for (const r of ranges) {
    const specificity = r.type === type && r.subtype === subtype
      ? 2
      : r.type === type && r.subtype === "*"
      ? 1
      : r.type === "*" && r.subtype === "*"
      ? 0
      : -1;
    if (specificity > best) [best, q] = [specificity, r.q];
  }
  return best < 0 ? 0 : q;
}

/** The offer an `Accept` header prefers, or `undefined` when none is acceptable. */
export function negotiate(
  header: string | null | undefined,
  offers: readonly string[],
): string | undefined {
  const ranges = parseAccept(header);
  let chosen: string | undefined;
  let best = 0;
  for (const offer of offers) {
    const q = quality(ranges, offer);
    if (q > best) [chosen, best] = [offer, q];
  }
  return chosen;
}

/** Whether some explicitly named (not wildcard) media type is preferred over `than`. */
export function prefersOther(header: string | null | undefined, than: string): boolean {
  const ranges = parseAccept(header);
  if (!ranges) return false;
  const own = quality(ranges, than);
  return ranges.some((r) =>
    r.type !== "*" && r.subtype !== "*" && `${r.type}/${r.subtype}` !== than && r.q > own
  ) || (own === 0 && ranges.some((r) => r.q > 0));
}
