// The shapes of the JSON API (docs/contracts.md, "JSON API"); the page reads nothing else.

/** A node as every graph answer shows it: id is Neo4j's element id, key our stable id. */
export interface GNode {
  id: string;
  key?: string;
  labels: string[];
  name: string;
  properties: Record<string, unknown>;
}

/** One source's support for a fact, with our note on what it says. */
export interface Evidence {
  source: string;
  title?: string;
  note?: string;
}

/** A relationship with its provenance. */
export interface GRel {
  id: string;
  key?: string;
  type: string;
  start: string;
  end: string;
  status?: string;
  evidence?: Evidence[];
  properties: Record<string, unknown>;
}

/** How many neighbours a capped answer left out for one node, type and direction. */
export interface Omission {
  node: string;
  type: string;
  /** "both" with an empty type for a supernode's neighbours of any type. */
  direction: "out" | "in" | "both";
  /** How many of the group's relationships the answer lacks. */
  count: number;
  /** How many the node picked itself, the first of the group: the offset to expand from. */
  shown?: number;
  /** The group's size under the filters: where paging ends. */
  total?: number;
  /** A supernode's whole degree under filters: count and total only bound what passes them. */
  upper_bound?: boolean;
}

/** The one graph shape of every graph answer. */
export interface Graph {
  nodes: GNode[];
  relationships: GRel[];
  omitted?: Omission[];
  truncated: boolean;
}

export interface Neighbourhood extends Graph {
  focus: string;
}

export interface ExpandPage extends Graph {
  focus: string;
  total: number;
  offset: number;
  limit: number;
}

export interface SearchAnswer {
  query: string;
  limit: number;
  offset: number;
  total: number;
  results: { node: GNode; score: number }[];
}

export interface Source {
  id: string;
  key?: string;
  name: string;
  title?: string;
  kind?: string;
  publisher?: string;
  file?: string;
  properties?: Record<string, unknown>;
}

export interface EntityDetail {
  node: GNode;
  counts: { type: string; direction: "out" | "in"; count: number }[];
  facts: { relationship: GRel; other: GNode }[];
  sources: Source[];
  conflicts: { id: string; name: string }[];
}

export interface PathsAnswer {
  paths: { nodes: string[]; relationships: string[] }[];
  graph: Graph;
}

export interface Conflict {
  id: string;
  name: string;
  description?: string;
  entities: GNode[];
  sides: { source: Source; facts: { relationship: GRel; start: GNode; end: GNode }[] }[];
}

export interface Schema {
  labels: { name: string; count: number }[];
  relationship_types: { name: string; count: number }[];
  property_keys: string[];
}

export interface CypherAnswer {
  columns: string[];
  rows: unknown[][];
  graph: Graph;
  truncated: boolean;
  query_type: string;
  elapsed_ms: number;
}

/** RFC 9457 problem details, as every error answer carries them. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  request_id?: string;
  fields?: Record<string, unknown>;
}
