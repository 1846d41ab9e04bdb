// A small typed client of the JSON API. Every failure becomes an ApiError carrying the
// server's problem details, so each view can explain it (Neo4j down, refused, not found).
import { joinNames, quoteName } from "./names";
import type {
  Conflict, CypherAnswer, EntityDetail, ExpandPage, GNode, GRel, Graph, Neighbourhood, PathsAnswer, Problem,
  Schema, SearchAnswer, Source,
} from "./types";

/** An API failure with the server's problem details (or a synthesised one offline). */
export class ApiError extends Error {
  constructor(public readonly problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`);
  }
  get status(): number {
    return this.problem.status;
  }
}

/**
 * Query parameters; empty values and empty lists are left out of the URL. A list (types,
 * labels, status) goes as one parameter of names, each quoted as the API reads it.
 */
export type Params = Record<string, string | number | boolean | string[] | undefined | null>;

export function query(params: Params): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === "") continue;
    if (Array.isArray(v)) {
      if (v.length) q.set(k, joinNames(v));
    } else q.set(k, String(v));
  }
  const s = q.toString();
  return s ? "?" + s : "";
}

async function request<T>(path: string, init?: RequestInit, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, signal, headers: { Accept: "application/json", ...(init?.headers ?? {}) } });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new ApiError({ status: 0, title: "Network error", detail: "The newsgraph server cannot be reached." });
  }
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const p = (body && typeof body === "object" ? body : {}) as Problem;
    throw new ApiError({ ...p, status: res.status, detail: p.detail ?? (text.slice(0, 200) || res.statusText) });
  }
  return body as T;
}

const get = <T>(path: string, params: Params = {}, signal?: AbortSignal) =>
  request<T>("/api" + path + query(params), undefined, signal);

/** The API, one function per endpoint of docs/contracts.md. */
export const api = {
  search: (q: string, limit = 8, signal?: AbortSignal) => get<SearchAnswer>("/search", { q, limit }, signal),
  entity: (id: string, p: Params = {}) => get<EntityDetail>(`/entities/${encodeURIComponent(id)}`, p),
  neighbourhood: (id: string, p: Params, signal?: AbortSignal) =>
    get<Neighbourhood>(`/entities/${encodeURIComponent(id)}/neighbourhood`, p, signal),
  // Expand's type is one name, written as a list's: `WORKS,WITH` quoted.
  expand: (id: string, p: Params & { type?: string; direction?: string; offset?: number; limit?: number }, signal?: AbortSignal) =>
    get<ExpandPage>(`/entities/${encodeURIComponent(id)}/expand`, { ...p, type: p.type ? quoteName(p.type) : undefined }, signal),
  paths: (p: Params) => get<PathsAnswer>("/paths", p),
  sources: () => get<{ sources: Source[] }>("/sources"),
  source: (id: string) => get<{ source: Source; graph: Graph }>(`/sources/${encodeURIComponent(id)}`),
  conflicts: () => get<{ conflicts: Conflict[] }>("/conflicts"),
  schema: () => get<Schema>("/schema"),
  cypher: (q: string, params: Record<string, unknown>, limit?: number, signal?: AbortSignal) =>
    request<CypherAnswer>("/api/cypher", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ query: q, params, limit }),
    }, signal),
};

/** A node's property in full, from its own entry (graph answers cut long values); its facts are not needed. */
export async function wholeProperty(id: string, key: string): Promise<unknown> {
  return (await api.entity(id, { facts_limit: 0 })).node.properties[key];
}

/**
 * A fact a source reports, stored as a relationship, with its ends: found in the
 * source's own graph (GET /api/sources/{id}), which holds every relationship citing it.
 * Null when no relationship there has that key (the fact is a node, say).
 */
export function factIn(graph: Graph, key: string): { rel: GRel; start: GNode; end?: GNode } | null {
  const rel = graph.relationships.find((r) => r.key === key);
  const start = rel && graph.nodes.find((n) => n.id === rel.start);
  return rel && start ? { rel, start, end: graph.nodes.find((n) => n.id === rel.end) } : null;
}

/** factIn, asking for the source's graph. */
export async function factInSource(source: string, key: string): Promise<{ rel: GRel; start: GNode } | null> {
  return factIn((await api.source(source)).graph, key);
}

/** Whether asking again may succeed: not for a request the server refused (4xx), which could only fail again. */
export function canRetry(err: unknown): boolean {
  return !(err instanceof ApiError && err.status >= 400 && err.status < 500);
}

/** A sentence for the user explaining an API failure, by status. */
export function explain(err: unknown): string {
  if (!(err instanceof ApiError)) return (err as Error)?.message ?? String(err);
  const d = err.problem.detail ?? "";
  switch (err.status) {
    case 0:
      return "The newsgraph server cannot be reached. Is it running?";
    case 503:
      // The console's own limits (busy, or Neo4j still computing earlier queries) say
      // what to wait for; only a database that is away needs this explanation.
      if (d && !/cannot be reached|credentials|does not exist|temporarily unavailable|Not ready/.test(d)) return d;
      return "Neo4j is unavailable right now, so there is nothing to show. Retry in a few seconds." + (d ? ` (${d})` : "");
    case 504:
      // The server's detail says it already; the setting it names is the operator's.
      return d.replace(/ \(NEWSGRAPH_[A-Z_]+\)/g, "") || "The query ran past its time limit.";
    case 404:
      return d || "Not found.";
    case 403:
      return "Refused: " + d;
    default:
      return d || `The server answered ${err.status}.`;
  }
}
