// How a Cypher result's values read in the table: as everywhere on the page (values.ts),
// nodes, relationships, paths and typed values read as names, types and values, and the
// full JSON stays on hover (the cell's title).
import { csv } from "../export";
import type { Graph } from "../types";
import { type NodeNames, valueText } from "../values";

/** A cell of the result table as text: the page's one value formatter (values.ts), which the Details panel uses too. */
export const cellText = valueText;

/** The names a result's graph gives its nodes (the server's display names), by element id. */
export const nodeNames = (g: Graph | undefined): NodeNames => new Map((g?.nodes ?? []).map((n) => [n.id, n.name]));

/** Whether a cell's text leaves something out that its JSON has (then the JSON is its title). */
export function cellTitle(v: unknown): string | null {
  return v && typeof v === "object" ? JSON.stringify(v, null, 1) : null;
}

/** The result rows as CSV, one column per returned column, cells as the table reads them. */
export function rowsCSV(columns: string[], rows: unknown[][], names?: NodeNames): string {
  return csv([columns, ...rows.map((r) => r.map((v) => (v === null || v === undefined ? "" : cellText(v, names))))]);
}

/** How long a query took, as the reader reads it: whole milliseconds, a tenth below 10 ms (the server measures to the microsecond). */
export function elapsedText(ms: number): string {
  if (!Number.isFinite(ms)) return "? ms";
  return ms < 10 ? `${Math.round(ms * 10) / 10} ms` : `${Math.round(ms).toLocaleString("en")} ms`;
}
