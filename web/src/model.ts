// The graph on screen, kept apart from the drawing so that it can be tested without a
// browser: what is loaded, where each node sits, which expansion brought it, what is
// still left to page through, and the snapshots that undo returns to.
import { STATUSES } from "./state";
import { blank } from "./text";
import { show } from "./values";
import type { Conflict, GNode, GRel, Graph, Neighbourhood, Source } from "./types";

export interface Point {
  x: number;
  y: number;
}

export type Direction = "out" | "in" | "both";

/** Paging state of one node's neighbours via one type and direction. */
export interface Pending {
  node: string;
  type: string;
  /** "both" with an empty type: a supernode's neighbours of any type. */
  direction: Direction;
  total: number;
  /** The next expand offset to ask for. */
  next: number;
  /** total is a supernode's degree under filters, which only bounds what passes them. */
  upperBound?: boolean;
}

interface Snapshot {
  nodes: Map<string, GNode>;
  rels: Map<string, GRel>;
  pos: Map<string, Point>;
  parent: Map<string, string>;
  relParent: Map<string, string>;
  pending: Map<string, Pending>;
  base: Map<string, Pending>;
  focus: string;
}

/**
 * A request that grows the graph around a node (an Expand, a page), as the model was when
 * it was asked: its answer may be merged only while the ticket is current().
 */
export interface Ticket {
  readonly node: string;
  readonly epoch: number;
  readonly gen: number;
}

/** The grid of nodes a layout cannot reach from its focus: columns, and their distance. */
const GRID_COLUMNS = 8, GRID_STEP = 160;

/** Distance between the rings of the initial layout and of an expansion. */
export const RING = 170;

export const pendingKey = (node: string, type: string, direction: string) => `${node}|${type}|${direction}`;

/**
 * A relationship's status: the API's `status` (its property when that is text), never
 * read from the properties here, and no default: a relationship of a database newsgraph
 * did not build has none.
 */
export const statusOf = (r: GRel): string => r.status ?? "";

/** A status newsgraph styles: one of the four (reported, alleged, denied, disputed), else "". */
export const knownStatus = (s: unknown): string => (typeof s === "string" && (STATUSES as readonly string[]).includes(s) ? s : "");

/**
 * Whether a relationship is provenance rather than a fact: a source's MENTIONS or a
 * conflict's INVOLVES (docs/api.md), which carry no status. No other relationship is.
 */
export function isProvenance(r: GRel, start: GNode | undefined): boolean {
  if (r.status || !start) return false;
  return (r.type === "MENTIONS" && start.labels.includes("Source")) || (r.type === "INVOLVES" && start.labels.includes("Conflict"));
}

/** Whether a value is a list of strings (newsgraph's shape of ids, aliases and notes). */
export const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");

/**
 * Whether properties hold newsgraph's provenance: `sources` a list of source ids, and
 * `evidence` none or a list of notes, no more than the sources. The server reads a
 * relationship's so (docs/api.md); a node's come as properties and are read here alike.
 */
export function hasProvenance(p: Record<string, unknown>): boolean {
  const ev = p.evidence;
  return isStrings(p.sources) && p.sources.length > 0 && (ev === undefined || ev === null || (isStrings(ev) && ev.length <= p.sources.length));
}

/**
 * The source ids a fact cites: a relationship's evidence (the server made it of its
 * `sources` and `evidence`, which then are no properties of it), a node's `sources`
 * when they are newsgraph's provenance. Properties of other shapes cite nothing.
 */
export function sourcesOf(r: GRel | GNode): string[] {
  if (!("labels" in r)) return (r.evidence ?? []).map((e) => e.source);
  return hasProvenance(r.properties) ? (r.properties.sources as string[]) : [];
}

/** What an element's sources say: each source with its title and our note (a node's notes go with its sources by position). */
export function evidenceItems(r: GRel | GNode): { source: string; title?: string; note?: string }[] {
  return (r as GRel).evidence?.length
    ? (r as GRel).evidence!
    : sourcesOf(r).map((s, i) => ({ source: s, title: undefined, note: show((r.properties.evidence as unknown[] | undefined)?.[i]) }));
}

/**
 * The names a fact's evidence may cite a source by: its key, its element id, and its
 * `id` property, which the server gives as the key only where the database holds ids
 * unique (in another database a Source without that constraint has no key, yet
 * newsgraph-shaped facts still cite it by its id).
 */
export function sourceRefs(s: Source): string[] {
  const refs = [s.id];
  if (s.key) refs.push(s.key);
  const id = s.properties?.id;
  if (typeof id === "string" && id && !refs.includes(id)) refs.push(id);
  return refs;
}

/** A node with a name to show: the server never sends a blank one, but a blank name falls back to the element id. */
const named = (n: GNode): GNode => (n.name && !blank(n.name) ? n : { ...n, name: n.id });

/**
 * Points bucketed on a square grid, so that whether any lies in a box around a point
 * costs a few comparisons, not one per point: an expansion stepping around the nodes on
 * screen (placeAround), a stub looking for a clear spot (GraphView).
 */
export class PointGrid {
  private cells = new Map<string, [string, Point][]>();
  constructor(private cell: number) {}

  add(id: string, p: Point): void {
    const k = `${Math.floor(p.x / this.cell)},${Math.floor(p.y / this.cell)}`;
    const list = this.cells.get(k);
    if (list) list.push([id, p]);
    else this.cells.set(k, [[id, p]]);
  }

  /**
   * Whether a point other than `except` lies strictly within dx of p across, and within
   * up above it or down below it.
   */
  near(p: Point, dx: number, up: number, down: number, except = ""): boolean {
    const c = this.cell;
    for (let cx = Math.floor((p.x - dx) / c); cx <= Math.floor((p.x + dx) / c); cx++) {
      for (let cy = Math.floor((p.y - up) / c); cy <= Math.floor((p.y + down) / c); cy++) {
        for (const [id, q] of this.cells.get(`${cx},${cy}`) ?? []) {
          if (id !== except && Math.abs(q.x - p.x) < dx && q.y - p.y > -up && q.y - p.y < down) return true;
        }
      }
    }
    return false;
  }
}

/** The loaded graph, its layout and its history. */
export class GraphModel {
  nodes = new Map<string, GNode>();
  rels = new Map<string, GRel>();
  pos = new Map<string, Point>();
  /** Node id -> the node whose expansion brought it in (absent for the first load). */
  parent = new Map<string, string>();
  /** Relationship id -> the node whose expansion or page brought it in (absent for the first load). */
  relParent = new Map<string, string>();
  pending = new Map<string, Pending>();
  /**
   * Each node's paging state as it was before the node itself was expanded or paged: what
   * the first load, or a neighbour's expansion, said of it. Collapsing the node returns
   * its "and N more" to this, since the collapse takes away what its own pages brought.
   */
  private base = new Map<string, Pending>();
  focus = "";
  private history: Snapshot[] = [];
  /** Bumped by every load: a request asked of the graph before it is stale. */
  private epoch = 0;
  /** Per node, bumped when a collapse or an undo supersedes what was asked about it. */
  private gens = new Map<string, number>();

  /**
   * The loaded node or relationship named by `key`: our stable key (what URLs, facts and
   * properties cite) or Neo4j's element id (what answers use). The two never coincide.
   */
  byKey(kind: "node", key: string): GNode | undefined;
  byKey(kind: "rel", key: string): GRel | undefined;
  byKey(kind: "node" | "rel", key: string): GNode | GRel | undefined;
  byKey(kind: "node" | "rel", key: string): GNode | GRel | undefined {
    const all: Map<string, GNode | GRel> = kind === "node" ? this.nodes : this.rels;
    const byId = all.get(key);
    if (byId) return byId;
    for (const x of all.values()) if (x.key === key) return x;
    return undefined;
  }

  /**
   * How a URL names a loaded element: by its key when no other loaded element of its kind
   * has that key, else by its element id. A database newsgraph did not build may give
   * two relationships one `id`, and a shared link to the second opened the first.
   */
  urlKey(kind: "node" | "rel", id: string): string {
    const all: Map<string, GNode | GRel> = kind === "node" ? this.nodes : this.rels;
    const key = all.get(id)?.key;
    if (!key) return id;
    for (const x of all.values()) if (x.key === key && x.id !== id) return id;
    return key;
  }

  /** Replaces everything with a neighbourhood, laid out in rings around its focus. */
  load(nb: Neighbourhood | (Graph & { focus?: string })): void {
    this.epoch++;
    this.gens = new Map();
    this.nodes = new Map(nb.nodes.map((n) => [n.id, named(n)]));
    this.rels = new Map(nb.relationships.map((r) => [r.id, r]));
    this.focus = nb.focus && this.nodes.has(nb.focus) ? nb.focus : (nb.nodes[0]?.id ?? "");
    this.parent = new Map();
    this.relParent = new Map();
    this.pending = new Map();
    this.base = new Map();
    this.history = [];
    this.pos = ringLayout(this.focus, [...this.nodes.keys()], [...this.rels.values()], this.nodes);
    this.addOmissions(nb, "");
  }

  /** Takes in an answer's omissions; `from` is the node whose expansion it answers ("" for a load). */
  private addOmissions(g: Graph, from: string): void {
    for (const o of g.omitted ?? []) {
      if (!this.nodes.has(o.node) || o.count <= 0) continue;
      // The server says how many of the group the node picked itself: that is where
      // paging resumes; count is what the answer lacks, total where paging ends.
      const shown = o.shown ?? this.neighbourCount(o.node, o.type, o.direction);
      const key = pendingKey(o.node, o.type, o.direction);
      const old = this.pending.get(key);
      const p = {
        node: o.node, type: o.type, direction: o.direction, total: o.total ?? shown + o.count,
        next: Math.max(old?.next ?? 0, shown),
        ...(o.upper_bound ? { upperBound: true } : {}),
      };
      this.pending.set(key, p);
      if (o.node !== from && !this.base.has(key)) this.base.set(key, { ...p });
    }
  }

  /** How many distinct neighbours of node via type (empty: any) in direction are loaded. */
  neighbourCount(node: string, type: string, direction: Direction): number {
    const seen = new Set<string>();
    for (const r of this.rels.values()) {
      if (type && r.type !== type) continue;
      if (direction !== "in" && r.start === node) seen.add(r.end);
      if (direction !== "out" && r.end === node) seen.add(r.start);
    }
    return seen.size;
  }

  /**
   * The neighbours left to page through, per node, type and direction: what the group
   * holds beyond both the paging position and the relationships on screen, since
   * neighbours may have brought some of it from their end (the server counts an
   * omission the same way).
   */
  remaining(node?: string): (Pending & { remaining: number })[] {
    if (this.pending.size === 0) return [];
    const loaded = new Map<string, number>();
    const count = (key: string) => loaded.set(key, (loaded.get(key) ?? 0) + 1);
    for (const r of this.rels.values()) {
      count(pendingKey(r.start, r.type, "out"));
      count(pendingKey(r.end, r.type, "in"));
      count(pendingKey(r.start, "", "both"));
      if (r.end !== r.start) count(pendingKey(r.end, "", "both"));
    }
    const out: (Pending & { remaining: number })[] = [];
    for (const p of this.pending.values()) {
      if (node && p.node !== node) continue;
      if (!this.nodes.has(p.node)) continue;
      const remaining = p.total - Math.max(p.next, loaded.get(pendingKey(p.node, p.type, p.direction)) ?? 0);
      if (remaining > 0) out.push({ ...p, remaining });
    }
    return out;
  }

  /**
   * The page to ask for next of a node's neighbours via one type and direction: where
   * paging stopped, or the first page when nothing of it has been paged (a count in the
   * Details panel loads the next page each time, as the "and N more" stub does).
   */
  nextPage(node: string, type: string, direction: Direction): Pending {
    const p = this.pending.get(pendingKey(node, type, direction));
    return p ? { ...p } : { node, type, direction, total: Infinity, next: 0 };
  }

  private snapshot(): void {
    this.history.push({
      nodes: new Map(this.nodes), rels: new Map(this.rels), pos: new Map(this.pos),
      parent: new Map(this.parent), relParent: new Map(this.relParent), pending: new Map([...this.pending].map(([k, v]) => [k, { ...v }])), base: new Map(this.base), focus: this.focus,
    });
    if (this.history.length > 50) this.history.shift();
  }

  get canUndo(): boolean {
    return this.history.length > 0;
  }

  /** Returns to the state before the last expand, page or collapse. */
  undo(): boolean {
    const s = this.history.pop();
    if (!s) return false;
    // What the undo takes away, requests on their way about it go with it.
    for (const id of this.nodes.keys()) if (!s.nodes.has(id)) this.supersede(id);
    Object.assign(this, s);
    return true;
  }

  /**
   * A ticket for a request that will grow the graph around `node`. It stays current
   * until the graph is loaded again, or the node is collapsed, or a collapse or an undo
   * removes it: a late answer must not bring back what the reader took away.
   */
  ticket(node: string): Ticket {
    return { node, epoch: this.epoch, gen: this.gens.get(node) ?? 0 };
  }

  /** Whether an answer asked with this ticket may still be merged. */
  current(t: Ticket): boolean {
    return t.epoch === this.epoch && this.nodes.has(t.node) && (this.gens.get(t.node) ?? 0) === t.gen;
  }

  private supersede(node: string): void {
    this.gens.set(node, (this.gens.get(node) ?? 0) + 1);
  }

  /**
   * Adds an expansion of `from` (a graph around it) and places the new nodes in an arc
   * around it, facing away from the focus, so nothing already on screen moves.
   * Returns the ids of the nodes it added.
   */
  merge(from: string, g: Graph, page?: { type: string; direction: Direction; total: number; next: number }): string[] {
    // An answer that brings nothing new is not a step: Undo must not have to walk
    // through no-ops (a repeated Expand, an empty page).
    const fresh = g.nodes.some((n) => !this.nodes.has(n.id)) || g.relationships.some((r) => !this.rels.has(r.id));
    if (fresh) this.snapshot();
    const added: string[] = [];
    for (const n of g.nodes) {
      if (this.nodes.has(n.id)) continue;
      this.nodes.set(n.id, named(n));
      this.parent.set(n.id, from);
      added.push(n.id);
    }
    for (const r of g.relationships) {
      if (this.rels.has(r.id)) continue;
      this.rels.set(r.id, r);
      this.relParent.set(r.id, from);
    }
    this.addOmissions(g, from);
    if (page) {
      const key = pendingKey(from, page.type, page.direction);
      if (page.next >= page.total) this.pending.delete(key);
      else this.pending.set(key, { node: from, type: page.type, direction: page.direction, total: page.total, next: page.next });
    }
    this.placeAround(from, added);
    return added;
  }

  /**
   * Removes every node brought in by expanding `node` (recursively), with their
   * relationships, and the relationships those expansions brought between nodes that
   * stay (a link to a node already shown); returns how many nodes it removed.
   */
  collapse(node: string): number {
    // An Expand or a page of this node still on its way is cancelled too, also when
    // nothing has landed yet: its answer is dropped (see ticket()).
    this.supersede(node);
    const doomed = new Set<string>();
    const walk = (id: string) => {
      for (const [child, p] of this.parent) if (p === id && !doomed.has(child) && child !== this.focus) {
        doomed.add(child);
        walk(child);
      }
    };
    walk(node);
    const brought = (id: string) => {
      const p = this.relParent.get(id);
      return p !== undefined && (p === node || doomed.has(p));
    };
    if (!doomed.size && ![...this.rels.keys()].some(brought)) return 0;
    this.snapshot();
    for (const id of doomed) {
      this.supersede(id);
      this.nodes.delete(id);
      this.parent.delete(id);
      this.pos.delete(id);
    }
    for (const [id, r] of this.rels) {
      if (!doomed.has(r.start) && !doomed.has(r.end) && !brought(id)) continue;
      this.rels.delete(id);
      this.relParent.delete(id);
    }
    for (const [k, p] of this.pending) if (doomed.has(p.node) || p.node === node) this.pending.delete(k);
    // The node's own groups go back to where they were before its expansions and pages.
    for (const [k, p] of this.base) {
      if (doomed.has(p.node)) this.base.delete(k);
      else if (p.node === node) this.pending.set(k, { ...p });
    }
    return doomed.size;
  }

  /** Whether collapsing `node` would remove anything. */
  canCollapse(node: string): boolean {
    for (const p of this.parent.values()) if (p === node) return true;
    for (const p of this.relParent.values()) if (p === node) return true;
    return false;
  }

  private placeAround(center: string, ids: string[]): void {
    if (!ids.length) return;
    const c = this.pos.get(center) ?? { x: 0, y: 0 };
    const f = this.pos.get(this.focus) ?? { x: 0, y: 0 };
    const away = center === this.focus ? -Math.PI / 2 : Math.atan2(c.y - f.y, c.x - f.x);
    const full = center === this.focus;
    const spread = full ? 2 * Math.PI : (4 * Math.PI) / 3;
    const perRing = 18;
    // A spot is free when no node is within a label's reach of it: a cut name is about
    // 120 px wide, centred under its node (one grid cell apart, a new node's label lay
    // on its neighbour's).
    const stride = 60, reachX = 110, reachY = 45; // stride: how far out each try steps
    const taken = new PointGrid(reachX);
    for (const [id, p] of this.pos) taken.add(id, p);
    const free = (p: Point) => !taken.near(p, reachX, reachY, reachY);
    ids.forEach((id, i) => {
      const ring = Math.floor(i / perRing);
      const inRing = Math.min(perRing, ids.length - ring * perRing);
      const k = i % perRing;
      const step = full ? spread / inRing : spread / Math.max(1, inRing - 1);
      const a = inRing === 1 ? away : away - (full ? 0 : spread / 2) + k * step + (full ? ring * 0.17 : 0);
      let r = RING * 0.8 + ring * 70;
      let p = { x: c.x + r * Math.cos(a), y: c.y + r * Math.sin(a) };
      // Step outwards along the ray until the spot is free (a few tries at most).
      for (let tries = 0; tries < 12 && !free(p); tries++) {
        r += stride;
        p = { x: c.x + r * Math.cos(a), y: c.y + r * Math.sin(a) };
      }
      taken.add(id, p);
      this.pos.set(id, p);
    });
  }

  /** The model as a plain graph (for exports and the list view). */
  toGraph(): Graph {
    return { nodes: [...this.nodes.values()], relationships: [...this.rels.values()], truncated: false };
  }
}

/**
 * Places nodes in rings by their distance from the focus; each node's children share
 * its angular sector, which keeps related nodes together and the focus in the middle.
 * Deterministic: the same graph always gets the same picture.
 */
export function ringLayout(focus: string, ids: string[], rels: GRel[], nodes?: Map<string, GNode>): Map<string, Point> {
  const adj = new Map<string, string[]>();
  for (const id of ids) adj.set(id, []);
  for (const r of rels) {
    adj.get(r.start)?.push(r.end);
    adj.get(r.end)?.push(r.start);
  }
  const name = (id: string) => nodes?.get(id)?.name ?? id;
  const pos = new Map<string, Point>();
  if (!adj.has(focus)) return pos;
  const sector = new Map<string, [number, number]>([[focus, [-Math.PI / 2, (3 * Math.PI) / 2]]]);
  pos.set(focus, { x: 0, y: 0 });
  let frontier = [focus];
  let depth = 0;
  const seen = new Set([focus]);
  while (frontier.length) {
    depth++;
    const next: string[] = [];
    for (const p of frontier) {
      const kids = [...new Set(adj.get(p) ?? [])].filter((k) => !seen.has(k)).sort((a, b) => name(a).localeCompare(name(b)) || a.localeCompare(b));
      kids.forEach((k) => seen.add(k));
      const [a0, a1] = sector.get(p)!;
      const w = (a1 - a0) / Math.max(1, kids.length);
      kids.forEach((k, i) => {
        const s: [number, number] = [a0 + i * w, a0 + (i + 1) * w];
        sector.set(k, s);
        const a = (s[0] + s[1]) / 2;
        // Stagger crowded rings so labels do not sit on top of each other.
        const r = RING * depth + (kids.length > 14 ? (i % 3) * 45 : 0);
        pos.set(k, { x: r * Math.cos(a), y: r * Math.sin(a) });
        next.push(k);
      });
    }
    frontier = next;
  }
  // Nodes not connected to the focus (a Cypher result, a path) go in a grid below it,
  // centred under it, as wide apart as a cut name (about 120 px) needs: at 110 px their
  // labels ran into each other, and a grid starting at -500 left a lone node far off.
  const rest = ids.filter((id) => !pos.has(id));
  const maxY = Math.max(0, ...[...pos.values()].map((p) => p.y));
  const cols = Math.min(GRID_COLUMNS, rest.length);
  rest.forEach((id, i) => pos.set(id, { x: ((i % cols) - (cols - 1) / 2) * GRID_STEP, y: maxY + RING + Math.floor(i / cols) * 90 }));
  return pos;
}

export type SideFact = Conflict["sides"][number]["facts"][number];

/**
 * A side's facts, those of one fact node (a claim, a lawsuit) together, in the order the
 * first of each came: a claim against one party that concerns three things is one
 * claim, and was read as four, its name and evidence note repeated each time.
 */
export function factGroups(facts: SideFact[]): SideFact[][] {
  const groups = new Map<string, SideFact[]>();
  facts.forEach((f, i) => {
    const by = f.start.labels.includes("Fact") ? "fact:" + f.start.id : "rel:" + i;
    const group = groups.get(by);
    if (group) group.push(f);
    else groups.set(by, [f]);
  });
  return [...groups.values()];
}

/**
 * How many relationships are left to page through in all. A supernode's untyped group
 * ("both", every type) holds its typed groups, paged from the Details panel's counts:
 * added to it, they counted the same relationships twice (5,800 "more" of a node that
 * had 2,900 left).
 */
export function remainingTotal(list: { node: string; direction: string; remaining: number }[]): number {
  const untyped = new Set(list.filter((p) => p.direction === "both").map((p) => p.node));
  return list.reduce((sum, p) => sum + (p.direction === "both" || !untyped.has(p.node) ? p.remaining : 0), 0);
}
