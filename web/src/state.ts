// The view as a URL: everything a copied link must restore (entity, depth, filters,
// selection, the path being traced, the console's text) round-trips through here.

import { joinNames, parseNames } from "./names";

/** Which part of the page is showing. */
export type Mode = "explore" | "paths" | "console";

/** The filters of the neighbourhood, named as the API's query parameters. */
export interface Filters {
  types: string[];
  labels: string[];
  status: string[];
  source: string;
  from: string;
  to: string;
}

/** Everything the URL carries. */
export interface ViewState {
  mode: Mode;
  entity: string;
  depth: number;
  filters: Filters;
  /** Selected element: "n:<key or element id>" or "r:<key or element id>". */
  sel: string;
  pathFrom: string;
  pathTo: string;
  /** The trace's options: most hops, "shortest" or "all" shortest paths, established facts only. */
  hops: number;
  pathMode: "shortest" | "all";
  established: boolean;
  /** Console text and its JSON parameters: a share link fills them and never runs. */
  cypher: string;
  params: string;
}

export const STATUSES = ["reported", "alleged", "denied", "disputed"] as const;
// One hop, as the API's default: fact nodes sit between entities, so a second hop is
// one click (or the depth menu) away without crowding the first picture.
export const DEFAULT_DEPTH = 1;
/** The path tracer's default length, as the API's. */
export const DEFAULT_HOPS = 4;
/** The longest trace, as the API's maximum path length. */
export const MAX_HOPS = 6;

export function emptyFilters(): Filters {
  return { types: [], labels: [], status: [], source: "", from: "", to: "" };
}

/** Whether any filter is set (an empty list, source or date sets none). */
export function hasFilters(f: Filters): boolean {
  return !!(f.types.length || f.labels.length || f.status.length || f.source || f.from || f.to);
}

export function defaultState(): ViewState {
  return { mode: "explore", entity: "", depth: DEFAULT_DEPTH, filters: emptyFilters(), sel: "", pathFrom: "", pathTo: "", hops: DEFAULT_HOPS, pathMode: "shortest", established: false, cypher: "", params: "" };
}

/**
 * A list parameter of a URL: every occurrence, each read as the API reads names
 * (names.ts); a malformed one makes the list empty, as if it were not there.
 */
function list(q: URLSearchParams, name: string): string[] {
  const out: string[] = [];
  for (const v of q.getAll(name)) {
    const names = parseNames(v);
    if (!names) return [];
    out.push(...names);
  }
  return out;
}

/** Reads a view from a URL's query string. Unknown or malformed values fall back to defaults. */
export function decode(search: string): ViewState {
  const q = new URLSearchParams(search);
  const s = defaultState();
  const mode = q.get("view");
  if (mode === "paths" || mode === "console") s.mode = mode;
  s.entity = q.get("entity") ?? "";
  const depth = Number(q.get("depth"));
  if (Number.isInteger(depth) && depth >= 1 && depth <= 3) s.depth = depth;
  s.filters.types = list(q, "types");
  s.filters.labels = list(q, "labels");
  s.filters.status = list(q, "status").filter((x) => (STATUSES as readonly string[]).includes(x));
  s.filters.source = q.get("source") ?? "";
  // A malformed date (an edited link) is dropped, as the form would refuse it.
  const date = (v: string | null) => (v && validDate(v) ? v : "");
  s.filters.from = date(q.get("from"));
  s.filters.to = date(q.get("to"));
  s.sel = q.get("sel") ?? "";
  s.pathFrom = q.get("from_id") ?? "";
  s.pathTo = q.get("to_id") ?? "";
  const hops = Number(q.get("hops"));
  if (Number.isInteger(hops) && hops >= 1 && hops <= MAX_HOPS) s.hops = hops;
  if (q.get("paths") === "all") s.pathMode = "all";
  s.established = q.get("established") === "1";
  s.cypher = q.get("cypher") ?? "";
  s.params = q.get("params") ?? "";
  return s;
}

/** Writes a view as a query string (with "?"), leaving out defaults so links stay short. */
export function encode(s: ViewState): string {
  const q = new URLSearchParams();
  if (s.mode !== "explore") q.set("view", s.mode);
  if (s.entity) q.set("entity", s.entity);
  if (s.entity && s.depth !== DEFAULT_DEPTH) q.set("depth", String(s.depth));
  const f = s.filters;
  if (f.types.length) q.set("types", joinNames(f.types));
  if (f.labels.length) q.set("labels", joinNames(f.labels));
  if (f.status.length) q.set("status", joinNames(f.status));
  if (f.source) q.set("source", f.source);
  if (f.from) q.set("from", f.from);
  if (f.to) q.set("to", f.to);
  if (s.sel) q.set("sel", s.sel);
  if (s.pathFrom) q.set("from_id", s.pathFrom);
  if (s.pathTo) q.set("to_id", s.pathTo);
  if (s.mode === "paths") {
    if (s.hops !== DEFAULT_HOPS) q.set("hops", String(s.hops));
    if (s.pathMode !== "shortest") q.set("paths", s.pathMode);
    if (s.established) q.set("established", "1");
  }
  if (s.mode === "console") {
    if (s.cypher) q.set("cypher", s.cypher);
    if (s.params) q.set("params", s.params);
  }
  const out = q.toString();
  return out ? "?" + out : "";
}

/**
 * The query string a URL should have when it says something the page does not show (a
 * depth of 9 shows depth 1, a status the API lacks is dropped), or null when it says
 * what the page shows, in whatever order or spelling. Left as it was, a link copied from
 * the address bar went on saying depth 9 while the depth selector said 1.
 */
export function corrected(search: string): string | null {
  const shown = encode(decode(search));
  const entries = (q: string) => [...new URLSearchParams(q)].map(([k, v]) => JSON.stringify([k, v])).sort().join();
  return entries(shown) === entries(search) ? null : shown;
}

/** The neighbourhood endpoint's parameters for a view's depth and filters. */
export function neighbourhoodParams(s: ViewState): Record<string, string | number | string[]> {
  const f = s.filters;
  return { depth: s.depth, types: f.types, labels: f.labels, status: f.status, source: f.source, from: f.from, to: f.to };
}

/**
 * A date filter value is a year, a year-month or a full date, as the API accepts: a day
 * the month has (2024-02-29, never 2025-02-30 or 2025-04-31, which the API refuses).
 */
export function validDate(v: string): boolean {
  if (v === "") return true;
  const m = /^(\d{4})(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/.exec(v);
  if (!m) return false;
  if (!m[5]) return true;
  return Number(m[5]) <= daysIn(Number(m[1]), Number(m[3]));
}

/** The days of a month (proleptic Gregorian, as Neo4j's dates). */
function daysIn(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  const last = new Date(Date.UTC(2000, month, 0));
  last.setUTCFullYear(year, month, 0);
  return last.getUTCDate();
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/**
 * What is wrong with a From or To date, "" when nothing: a day its month does not have
 * says so ("February 2025 has 28 days"), anything else gets the forms a date may take.
 */
export function dateProblem(name: string, v: string): string {
  if (validDate(v)) return "";
  const m = /^(\d{4})-(0[1-9]|1[0-2])-(\d{2})$/.exec(v);
  if (m && Number(m[3]) > 0) {
    const year = Number(m[1]), month = Number(m[2]);
    return `${name} ${v} is no date: ${MONTHS[month - 1]} ${m[1]} has ${daysIn(year, month)} days.`;
  }
  return `${name} “${v}” is not a date. Dates are a year, a year-month or a full date: 2025, 2025-06 or 2025-06-13.`;
}
