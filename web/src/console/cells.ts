// How a Cypher result's values read in the table: the server sends nodes, relationships,
// paths and typed values ({"$type": "Date", "value": ...}) as JSON objects; a reader
// wants names, types and values, and the full JSON stays on hover (the cell's title).
import { show } from "../dom";
import { csv } from "../export";

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);

/** A node's display name: its name, title or id property, else its element id. */
function nodeName(o: Obj): string {
  const p = isObj(o.properties) ? o.properties : {};
  return show(p.name ?? p.title ?? p.id ?? o.id);
}

function nodeText(o: Obj): string {
  const labels = Array.isArray(o.labels) ? o.labels.map(String) : [];
  return `(${labels.length ? ":" + labels.join(":") + " " : ""}${nodeName(o)})`;
}

/** A path as its nodes joined by their relationships' types, each in its direction. */
function pathText(o: Obj): string {
  const nodes = Array.isArray(o.nodes) ? o.nodes.filter(isObj) : [];
  const rels = Array.isArray(o.relationships) ? o.relationships.filter(isObj) : [];
  if (!nodes.length) return "(empty path)";
  let out = `(${nodeName(nodes[0])})`;
  rels.forEach((r, i) => {
    const next = nodes[i + 1];
    const forward = r.start === nodes[i]?.id;
    out += forward ? `-[:${show(r.type)}]->` : `<-[:${show(r.type)}]-`;
    out += next ? `(${nodeName(next)})` : "()";
  });
  return out;
}

/** A cell of the result table as text. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return `[${v.map(cellText).join(", ")}]`;
  if (!isObj(v)) return String(v);
  const type = typeof v.$type === "string" ? v.$type : "";
  switch (type) {
    case "Node":
      return nodeText(v);
    case "Relationship":
      return `[:${show(v.type)}]`;
    case "Path":
      return pathText(v);
    case "Point": {
      // WGS-84 points read as latitude and longitude; cartesian ones as coordinates.
      const geo = v.srid === 4326 || v.srid === 4979;
      const z = v.z !== undefined && v.z !== null ? `, ${show(v.z)}` : "";
      return geo ? `lat ${show(v.y)}, lon ${show(v.x)}${z ? `, height ${show(v.z)}` : ""}` : `(${show(v.x)}, ${show(v.y)}${z})`;
    }
  }
  // Dates, times, durations, big integers: the server gives their text as value.
  if (type && "value" in v) return show(v.value);
  if (!type) return `{${Object.entries(v).map(([k, x]) => `${k}: ${cellText(x)}`).join(", ")}}`;
  return JSON.stringify(v);
}

/** Whether a cell's text leaves something out that its JSON has (then the JSON is its title). */
export function cellTitle(v: unknown): string | null {
  return v && typeof v === "object" ? JSON.stringify(v, null, 1) : null;
}

/** The result rows as CSV, one column per returned column, cells as the table reads them. */
export function rowsCSV(columns: string[], rows: unknown[][]): string {
  return csv([columns, ...rows.map((r) => r.map((v) => (v === null || v === undefined ? "" : cellText(v))))]);
}
