// How a value from the API reads, wherever the page shows one: the Details panel, the
// console's result table and its CSV. The server sends nodes, relationships, paths and
// the values JSON cannot hold exactly as objects with a `$type` (docs/api.md, "Values"
// and "Long values"); a reader wants names, types and values, never that JSON.

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);

/** A property value as text for a panel: nothing for null, lists joined with commas, typed values read. */
export function show(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (Array.isArray(v)) return v.map(show).join(", ");
  return valueText(v);
}

/** A node's display name: its name, title or id property, else its element id. */
/**
 * Names of nodes by element id, as the server chose them (its display-name rule, the one
 * the graph and panels show): a console result's graph gives them for its rows.
 */
export type NodeNames = ReadonlyMap<string, string>;

function nodeName(o: Obj, names?: NodeNames): string {
  const known = typeof o.id === "string" ? names?.get(o.id) : undefined;
  if (known !== undefined) return known;
  const p = isObj(o.properties) ? o.properties : {};
  return show(p.name ?? p.title ?? p.id ?? o.id);
}

function nodeText(o: Obj, names?: NodeNames): string {
  const labels = Array.isArray(o.labels) ? o.labels.map(String) : [];
  return `(${labels.length ? ":" + labels.join(":") + " " : ""}${nodeName(o, names)})`;
}

/** A path as its nodes joined by their relationships' types, each in its direction. */
function pathText(o: Obj, names?: NodeNames): string {
  const nodes = Array.isArray(o.nodes) ? o.nodes.filter(isObj) : [];
  const rels = Array.isArray(o.relationships) ? o.relationships.filter(isObj) : [];
  if (!nodes.length) return "(empty path)";
  let out = `(${nodeName(nodes[0], names)})`;
  rels.forEach((r, i) => {
    const next = nodes[i + 1];
    const forward = r.start === nodes[i]?.id;
    out += forward ? `-[:${show(r.type)}]->` : `<-[:${show(r.type)}]-`;
    out += next ? `(${nodeName(next, names)})` : "()";
  });
  return out;
}

/** A size in bytes as people read it: 512 bytes, 22 KB, 1.6 MB. */
export function size(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1e6) return `${Math.round(bytes / 1000)} KB`;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** How many bytes of a byte array are written out; the rest is counted. */
const BYTES_SHOWN = 32;

/** Bytes (sent as base64) in hexadecimal, as Cypher writes a byte array, with their count. */
function bytesText(base64: unknown): string {
  let raw: string;
  try {
    raw = atob(String(base64 ?? ""));
  } catch {
    return "(bytes that could not be read)";
  }
  const hex = [...raw.slice(0, BYTES_SHOWN)].map((c) => c.charCodeAt(0).toString(16).padStart(2, "0")).join("");
  return `0x${hex}${raw.length > BYTES_SHOWN ? "…" : ""} (${raw.length === 1 ? "1 byte" : `${raw.length} bytes`})`;
}

/**
 * A long value the server sent in part ({"$type": "Truncated"}): graph answers and an
 * entity's facts do. Its size is in bytes of JSON, except for the ends of relationships
 * the console fetches, whose long values Neo4j cuts before their bytes are known: a
 * string's size is then in characters, a list's in items.
 */
export interface Truncated {
  $type: "Truncated";
  bytes?: number;
  characters?: number;
  items?: number;
  preview?: string;
}

export const isTruncated = (v: unknown): v is Truncated => isObj(v) && v.$type === "Truncated";

/** How big a cut value's whole is, in the unit the server counted it. */
function truncatedSize(t: Truncated): string {
  if (typeof t.characters === "number") return `${t.characters.toLocaleString("en")} characters`;
  if (typeof t.items === "number") return `${t.items.toLocaleString("en")} items`;
  return size(Number(t.bytes) || 0);
}

/** What a cut value's text ends with: how big the whole is, and that this is part of it. */
export const truncatedMark = (t: Truncated) => `(${truncatedSize(t)}, shown in part)`;

/** A map's keys and values, as Cypher writes a map. */
const mapText = (m: Obj, names?: NodeNames) => `{${Object.entries(m).map(([k, x]) => `${k}: ${valueText(x, names)}`).join(", ")}}`;

/**
 * Any value as text: the console's table cells, and every value of the Details panel
 * (through show). Nodes read by the names given (a console result's), else by the first
 * of name, title and id.
 */
export function valueText(v: unknown, names?: NodeNames): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return `[${v.map((x) => valueText(x, names)).join(", ")}]`;
  if (!isObj(v)) return String(v);
  const type = typeof v.$type === "string" ? v.$type : "";
  switch (type) {
    case "Node":
      return nodeText(v, names);
    case "Relationship":
      return `[:${show(v.type)}]`;
    case "Path":
      return pathText(v, names);
    case "Point": {
      // WGS-84 points read as latitude and longitude; cartesian ones as coordinates.
      const geo = v.srid === 4326 || v.srid === 4979;
      const has = (c: unknown) => c !== undefined && c !== null;
      const [x, y, z] = [v.x, v.y, v.z].map((c) => (has(c) ? valueText(c) : ""));
      return geo ? `lat ${y}, lon ${x}${has(v.z) ? `, height ${z}` : ""}` : `(${x}, ${y}${has(v.z) ? `, ${z}` : ""})`;
    }
    case "Bytes":
      return bytesText(v.base64);
    case "Truncated": {
      const t = v as unknown as Truncated;
      return typeof t.preview === "string" ? `${t.preview}… ${truncatedMark(t)}` : `(a value of ${truncatedSize(t)}, not shown here)`;
    }
    case "Invalid":
      return `(${show(v.error) || "a value that could not be read"})`;
    case "Map":
      // A map whose own keys include "$type" (the console wraps it so): its keys as they are.
      if (isObj(v.value)) return mapText(v.value, names);
  }
  // Dates, times, durations, big integers, NaN and infinities: the server gives their text as value.
  if (type && "value" in v) return show(v.value);
  if (!type) return mapText(v, names);
  return JSON.stringify(v);
}
