// Exports of the current view: the picture as PNG or SVG, the data as JSON or CSV.
import type { Graph } from "./types";
import { sourcesOf, statusOf } from "./model";

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
 * `kind` column telling them apart, so a spreadsheet opens it in one go.
 */
export function toCSV(g: Graph): string {
  const head = ["kind", "id", "key", "labels_or_type", "name", "start", "end", "status", "sources", "properties"];
  const rows: unknown[][] = [head];
  for (const n of g.nodes) rows.push(["node", n.id, n.key ?? "", n.labels, n.name, "", "", n.properties.status ?? "", sourcesOf(n), n.properties]);
  for (const r of g.relationships) rows.push(["relationship", r.id, r.key ?? "", r.type, "", r.start, r.end, statusOf(r), sourcesOf(r), r.properties]);
  return csv(rows);
}

/** Rows as CSV text: quoted where a cell needs it, CRLF line ends. */
export function csv(rows: unknown[][]): string {
  return rows.map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

export function toJSON(g: Graph): string {
  return JSON.stringify(g, null, 2);
}
