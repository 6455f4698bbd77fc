// Reads the Markdown tables the topic scripts print, so main.ts can reuse them unchanged.

/** One Markdown table: its header cells and body rows. */
export interface Table {
  headers: string[];
  rows: string[][];
}

/** Every pipe table in a text, in order. */
export function parseTables(text: string): Table[] {
  const tables: Table[] = [];
  let current: Table | undefined;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line.startsWith("|")) {
      current = undefined;
      continue;
    }
    const cells = line.slice(1, line.endsWith("|") ? -1 : undefined).split("|").map((c) =>
      c.trim()
    );
    if (!current) {
      current = { headers: cells, rows: [] };
      tables.push(current);
    } else if (!cells.every((c) => /^:?-+:?$/.test(c))) {
      current.rows.push(cells);
    }
  }
  return tables;
}

/** The cell of `row` under the n-th header (0-based) that contains `word`. */
export function cell(table: Table, row: string[], word: string, nth = 0): string | undefined {
  const indexes = table.headers.flatMap((h, i) => (h.includes(word) ? [i] : []));
  const at = indexes[nth];
  return at === undefined ? undefined : row[at];
}

/** The first row whose first cell contains `name` (and optionally whose cells include `also`). */
export function row(table: Table, name: string, also?: string): string[] | undefined {
  return table.rows.find((r) => r[0]!.includes(name) && (also === undefined || r.includes(also)));
}

/** The first number in a cell: "1601 ms (1.06×)" → 1601; "-5.5 %" → -5.5. */
export function num(text: string | undefined, nth = 0): number {
  const all = text?.match(/-?\d[\d,]*(\.\d+)?/g) ?? [];
  const found = all[nth];
  return found === undefined ? NaN : Number(found.replaceAll(",", ""));
}
