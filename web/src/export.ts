// Exports of the current view: the picture as PNG or SVG, the data as JSON or CSV.
import type { Graph } from "./types";
import { evidenceItems, sourcesOf, statusOf } from "./model";

/** Saves a blob under a file name through a temporary link. */
export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function cell(v: unknown): string {
  const s = v === null || v === undefined ? "" : Array.isArray(v) ? v.join("; ") : typeof v === "object" ? JSON.stringify(v) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * One CSV for the whole graph: a row per node, then a row per relationship, with a
 * `kind` column telling them apart, so a spreadsheet opens it in one go. A
 * relationship's ends are named as well as given by element id, and its evidence notes
 * come with it, as in the JSON: a sheet of ids and source keys alone said neither who
 * was connected to whom nor what the sources say.
 */
export function toCSV(g: Graph): string {
  const head = ["kind", "id", "key", "labels_or_type", "name", "start", "start_name", "end", "end_name", "status", "sources", "evidence", "properties"];
  const rows: unknown[][] = [head];
  const names = new Map(g.nodes.map((n) => [n.id, n.name]));
  for (const n of g.nodes) rows.push(["node", n.id, n.key ?? "", n.labels, n.name, "", "", "", "", n.properties.status ?? "", sourcesOf(n), notes(evidenceItems(n)), n.properties]);
  for (const r of g.relationships) {
    rows.push(["relationship", r.id, r.key ?? "", r.type, "", r.start, names.get(r.start) ?? "", r.end, names.get(r.end) ?? "", statusOf(r), sourcesOf(r), notes(evidenceItems(r)), r.properties]);
  }
  return csv(rows);
}

/** Evidence notes as one cell: "source: note", one per line. */
function notes(evidence: { source: string; note?: string }[]): string {
  return evidence.filter((e) => e.note).map((e) => `${e.source}: ${e.note}`).join("\n");
}

/** Rows as CSV text: quoted where a cell needs it, CRLF line ends. */
export function csv(rows: unknown[][]): string {
  return rows.map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

export function toJSON(g: Graph): string {
  return JSON.stringify(g, null, 2);
}
