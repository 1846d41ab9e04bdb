// The model behind the canvas: expansion adds without moving anything, paging counts
// down, collapse removes exactly what an expansion brought, and undo returns.
import { describe, expect, it } from "vitest";
import { factGroups, GraphModel, remainingTotal, hasProvenance, isProvenance, knownStatus, ringLayout, sourceRefs, sourcesOf, statusOf } from "../../src/model";
import type { GNode, GRel, Graph } from "../../src/types";

const node = (id: string, ...labels: string[]): GNode => ({ id, key: id, labels: labels.length ? labels : ["Entity", "Organization"], name: id.toUpperCase(), properties: {} });
const rel = (id: string, start: string, end: string, type = "LINKED", status?: string): GRel => ({ id, type, start, end, status, properties: {} });

function star(center: string, n: number, prefix: string, type = "LINKED"): Graph {
  const nodes = [node(center)];
  const relationships: GRel[] = [];
  for (let i = 0; i < n; i++) {
    nodes.push(node(`${prefix}${i}`));
    relationships.push(rel(`${prefix}r${i}`, center, `${prefix}${i}`, type));
  }
  return { nodes, relationships, truncated: false };
}

describe("GraphModel", () => {
  it("names an element in URLs by its key only while no other loaded element shares it", () => {
    const m = new GraphModel();
    const twin = (id: string): GRel => ({ ...rel(id, "a", "b", "TWIN"), key: "same" });
    m.load({ nodes: [node("a"), node("b")], relationships: [twin("r1"), twin("r2"), { ...rel("r3", "a", "b"), key: "own" }], truncated: false, focus: "a" });
    expect(m.urlKey("rel", "r2")).toBe("r2");
    expect(m.byKey("rel", m.urlKey("rel", "r2"))?.id).toBe("r2");
    expect(m.urlKey("rel", "r3")).toBe("own");
    expect(m.urlKey("node", "a")).toBe("a");
  });

  it("keeps the focus at the centre and every neighbour off it", () => {
    const m = new GraphModel();
    m.load({ ...star("a", 5, "b"), focus: "a" });
    expect(m.pos.get("a")).toEqual({ x: 0, y: 0 });
    for (let i = 0; i < 5; i++) expect(Math.hypot(m.pos.get(`b${i}`)!.x, m.pos.get(`b${i}`)!.y)).toBeGreaterThan(100);
  });

  it("expands without moving what is on screen, and undo restores", () => {
    const m = new GraphModel();
    m.load({ ...star("a", 3, "b"), focus: "a" });
    const before = new Map(m.pos);
    const added = m.merge("b0", star("b0", 4, "c"));
    expect(added).toHaveLength(4);
    for (const [id, p] of before) expect(m.pos.get(id)).toEqual(p);
    expect(m.nodes.size).toBe(8);
    expect(m.undo()).toBe(true);
    expect(m.nodes.size).toBe(4);
    expect(m.canUndo).toBe(false);
  });

  it("collapses what an expansion brought in, recursively, but never the focus", () => {
    const m = new GraphModel();
    m.load({ ...star("a", 2, "b"), focus: "a" });
    m.merge("b0", star("b0", 3, "c"));
    m.merge("c0", { nodes: [node("c0"), node("d0"), node("a")], relationships: [rel("x", "c0", "d0"), rel("y", "c0", "a")], truncated: false });
    expect(m.canCollapse("b0")).toBe(true);
    expect(m.collapse("b0")).toBe(4);
    expect([...m.nodes.keys()].sort()).toEqual(["a", "b0", "b1"]);
    expect([...m.rels.values()].every((r) => m.nodes.has(r.start) && m.nodes.has(r.end))).toBe(true);
    expect(m.collapse("b1")).toBe(0);
  });

  it("collapses the relationships an expansion brought between nodes already shown too", () => {
    // Expanding Mercor beside Scale AI brought, with its neighbours, its DEFENDANT link to
    // the lawsuit already shown; collapsing Mercor left that link behind (13 relationships
    // before the expansion, 17 after the collapse), and nothing but Undo took it away.
    const m = new GraphModel();
    m.load({ ...star("a", 3, "b"), focus: "a" });
    const before = [...m.rels.keys()].sort();
    m.merge("b0", { nodes: [node("b0"), node("b1"), node("c0")], relationships: [rel("b0-b1", "b0", "b1"), rel("b0-c0", "b0", "c0")], truncated: false });
    expect(m.collapse("b0")).toBe(1);
    expect([...m.rels.keys()].sort()).toEqual(before);
    // An expansion that brought relationships only can be collapsed as well.
    m.merge("b1", { nodes: [node("b1"), node("b2")], relationships: [rel("b1-b2", "b1", "b2")], truncated: false });
    expect(m.canCollapse("b1")).toBe(true);
    expect(m.collapse("b1")).toBe(0);
    expect([...m.rels.keys()].sort()).toEqual(before);
    expect(m.canCollapse("b1")).toBe(false);
    // Undo brings it back, and a link the first view had is never taken away.
    m.undo();
    expect(m.rels.has("b1-b2")).toBe(true);
    m.merge("b2", { nodes: [node("b2"), node("a")], relationships: [rel("br2", "a", "b2")], truncated: false });
    m.collapse("b2");
    expect(m.rels.has("br2")).toBe(true);
  });

  it("lets a collapse, an undo or a load supersede a request still on its way", () => {
    const m = new GraphModel();
    m.load({ ...star("a", 2, "b"), focus: "a" });
    // Collapsing a node whose first expansion has not answered yet removes nothing but cancels it.
    const first = m.ticket("b0");
    expect(m.current(first)).toBe(true);
    expect(m.collapse("b0")).toBe(0);
    expect(m.current(first)).toBe(false);
    // A new request of the same node is current; expanding another node leaves it so.
    const again = m.ticket("b0");
    const other = m.ticket("b1");
    m.merge("b0", star("b0", 2, "c"));
    expect(m.current(again)).toBe(true);
    // A collapse of its parent removes c0, and with it the request about c0.
    const child = m.ticket("c0");
    m.collapse("b0");
    expect(m.current(child)).toBe(false);
    expect(m.current(other)).toBe(true);
    // An undo that takes a node away supersedes its requests; a load supersedes all.
    m.merge("b1", star("b1", 1, "d"));
    const d0 = m.ticket("d0");
    m.undo();
    expect(m.current(d0)).toBe(false);
    m.merge("b1", star("b1", 1, "d"));
    expect(m.current(d0)).toBe(false);
    m.load({ ...star("a", 2, "b"), focus: "a" });
    expect(m.current(other)).toBe(false);
    expect(m.current(m.ticket("b1"))).toBe(true);
  });

  it("pages a supernode from where the server stopped", () => {
    const m = new GraphModel();
    const first = star("hub", 25, "p", "MEMBER_OF");
    m.load({ ...first, focus: "hub", omitted: [{ node: "hub", type: "MEMBER_OF", direction: "out", count: 275, shown: 25 }] });
    expect(m.remaining()).toEqual([expect.objectContaining({ node: "hub", type: "MEMBER_OF", remaining: 275, next: 25 })]);
    const page = star("hub", 75, "p", "MEMBER_OF"); // overlaps the first 25
    m.merge("hub", page, { type: "MEMBER_OF", direction: "out", total: 300, next: 75 });
    expect(m.nodes.size).toBe(76);
    expect(m.remaining()[0].remaining).toBe(225);
    m.merge("hub", { nodes: [], relationships: [], truncated: false }, { type: "MEMBER_OF", direction: "out", total: 300, next: 300 });
    expect(m.remaining()).toEqual([]);
  });

  it("keeps a supernode's degree under filters as an upper bound until a page gives the exact total", () => {
    const m = new GraphModel();
    m.load({ ...star("hub", 25, "p", "MEMBER_OF"), focus: "hub", omitted: [{ node: "hub", type: "", direction: "both", count: 49975, shown: 25, total: 50000, upper_bound: true }] });
    expect(m.remaining()).toEqual([expect.objectContaining({ node: "hub", remaining: 49975, upperBound: true })]);
    m.merge("hub", star("hub", 40, "p", "MEMBER_OF"), { type: "", direction: "both", total: 40, next: 40 });
    expect(m.remaining()).toEqual([]);
  });

  it("gives a collapsed supernode its 'and N more' back, from where the first view stopped", () => {
    const m = new GraphModel();
    m.load({ ...star("hub", 25, "p", "MEMBER_OF"), focus: "hub", omitted: [{ node: "hub", type: "MEMBER_OF", direction: "out", count: 275, shown: 25 }] });
    m.merge("hub", star("hub", 75, "p", "MEMBER_OF"), { type: "MEMBER_OF", direction: "out", total: 300, next: 75 });
    m.merge("hub", star("hub", 300, "p", "MEMBER_OF"), { type: "MEMBER_OF", direction: "out", total: 300, next: 300 });
    expect(m.remaining()).toEqual([]);
    expect(m.collapse("hub")).toBe(275);
    expect(m.nodes.size).toBe(26);
    expect(m.remaining()).toEqual([expect.objectContaining({ node: "hub", type: "MEMBER_OF", remaining: 275, next: 25 })]);
    // Paging again starts where the first view stopped; undo returns to the collapse's before.
    m.merge("hub", star("hub", 75, "p", "MEMBER_OF"), { type: "MEMBER_OF", direction: "out", total: 300, next: 75 });
    expect(m.remaining()[0].remaining).toBe(225);
    m.undo();
    m.undo();
    expect(m.remaining()).toEqual([]);
    expect(m.nodes.size).toBe(301);
  });

  it("forgets a group that only the node's own expansion reported, when the node is collapsed", () => {
    const m = new GraphModel();
    m.load({ ...star("a", 2, "b"), focus: "a" });
    m.merge("b0", { ...star("b0", 25, "c", "MEMBER_OF"), omitted: [{ node: "b0", type: "MEMBER_OF", direction: "out", count: 5, shown: 25 }] });
    expect(m.remaining()).toEqual([expect.objectContaining({ node: "b0", remaining: 5 })]);
    m.collapse("b0");
    expect(m.remaining()).toEqual([]);
  });

  it("says how many a group lacks when neighbours brought some of it, and pages to its end", () => {
    const m = new GraphModel();
    const first = star("hub", 5, "p", "MEMBER_OF");
    // The hub picked 3 of 10; its neighbours brought 2 more from their end.
    m.load({ ...first, focus: "hub", omitted: [{ node: "hub", type: "MEMBER_OF", direction: "out", count: 5, shown: 3, total: 10 }] });
    expect(m.remaining()).toEqual([expect.objectContaining({ node: "hub", remaining: 5, next: 3, total: 10 })]);
    m.merge("hub", star("hub", 6, "p", "MEMBER_OF"), { type: "MEMBER_OF", direction: "out", total: 10, next: 6 });
    expect(m.remaining()).toEqual([expect.objectContaining({ node: "hub", remaining: 4, next: 6 })]);
    // A neighbour's expansion brings two more of the group from its end.
    m.merge("p7", { nodes: [node("p7"), node("p8"), node("hub")], relationships: [rel("hub-p7", "hub", "p7", "MEMBER_OF"), rel("hub-p8", "hub", "p8", "MEMBER_OF")], truncated: false });
    expect(m.remaining()).toEqual([expect.objectContaining({ node: "hub", remaining: 2, next: 6 })]);
  });

  it("finds a node or a relationship by its key or its element id", () => {
    const m = new GraphModel();
    const g = star("a", 2, "b");
    g.nodes[1] = { ...g.nodes[1], id: "4:x:1", key: "b0" };
    g.relationships[0] = { ...g.relationships[0], key: "a--linked--b0", end: "4:x:1" };
    m.load({ ...g, focus: "a" });
    expect(m.byKey("node", "b0")?.id).toBe("4:x:1");
    expect(m.byKey("node", "4:x:1")?.key).toBe("b0");
    expect(m.byKey("rel", "a--linked--b0")?.id).toBe("br0");
    expect(m.byKey("rel", "br1")?.id).toBe("br1");
    // Each kind only: a node's key names no relationship, and the other way round.
    expect(m.byKey("rel", "b0")).toBeUndefined();
    expect(m.byKey("node", "a--linked--b0")).toBeUndefined();
    expect(m.byKey("node", "nowhere")).toBeUndefined();
  });

  it("lays out deterministically and puts unconnected nodes below", () => {
    const g = star("a", 4, "b");
    const extra = node("lonely");
    const p1 = ringLayout("a", [...g.nodes.map((n) => n.id), "lonely"], g.relationships);
    const p2 = ringLayout("a", [...g.nodes.map((n) => n.id), "lonely"], g.relationships);
    expect(p1).toEqual(p2);
    expect(p1.get(extra.id)!.y).toBeGreaterThan(Math.max(...g.nodes.map((n) => p1.get(n.id)!.y)));
  });

  it("places an expansion's nodes clear of the labels around them", () => {
    const m = new GraphModel();
    m.load({ ...star("a", 12, "b"), focus: "a" });
    m.merge("b0", star("b0", 10, "c"));
    m.merge("b1", star("b1", 10, "d"));
    const clash: string[] = [];
    const pts = [...m.pos.entries()];
    for (const [id, p] of pts) {
      if (!/^[cd]/.test(id)) continue;
      for (const [other, q] of pts) {
        // Within a cut label's width (about 120 px) side by side, or a label's height.
        if (other !== id && Math.abs(p.x - q.x) < 110 && Math.abs(p.y - q.y) < 45) clash.push(`${id}~${other}`);
      }
    }
    expect(clash).toEqual([]);
  });

  it("centres unconnected nodes under the focus, a cut name's width apart", () => {
    // A console result of three nodes and no relationships: the first is the focus.
    const p = ringLayout("a", ["a", "b", "c"], []);
    expect(p.get("b")!.x + p.get("c")!.x).toBe(0);
    expect(Math.abs(p.get("c")!.x - p.get("b")!.x)).toBeGreaterThanOrEqual(150);
    const many = ringLayout("a", ["a", ...Array.from({ length: 20 }, (_, i) => `n${i}`)], []);
    const row = [...many.entries()].filter(([id]) => id !== "a").map(([, q]) => q).filter((q) => q.y === many.get("n0")!.y);
    expect(row.length).toBeLessThanOrEqual(8);
    expect(Math.abs(row.reduce((a, q) => a + q.x, 0))).toBeLessThan(1e-9);
  });
});

describe("GraphModel undo steps", () => {
  it("does not make an undo step of a merge that brings nothing new", () => {
    const m = new GraphModel();
    m.load({ ...star("a", 3, "b"), focus: "a" });
    m.merge("b0", star("b0", 2, "c"));
    // The same expansion again (a second click while the first was in flight), and an
    // empty page: neither is a step.
    m.merge("b0", star("b0", 2, "c"));
    m.merge("b0", { nodes: [], relationships: [], truncated: false });
    expect(m.undo()).toBe(true);
    expect(m.nodes.size).toBe(4);
    expect(m.canUndo).toBe(false);
  });
});

describe("provenance", () => {
  it("reads a node's sources only in newsgraph's shape, as the server reads a relationship's", () => {
    expect(hasProvenance({ sources: ["src-a", "src-b"], evidence: ["note a"] })).toBe(true);
    expect(hasProvenance({ sources: ["src-a"] })).toBe(true);
    for (const p of [{ sources: "a string", evidence: 7 }, { sources: ["src-a"], evidence: 7 }, { sources: [1, 2] }, { sources: [] }, { sources: ["a"], evidence: ["x", "y"] }]) {
      expect(hasProvenance(p)).toBe(false);
    }
    expect(sourcesOf({ ...node("g"), properties: { sources: "a string", evidence: 7 } })).toEqual([]);
    expect(sourcesOf({ ...node("f"), properties: { sources: ["src-a"], evidence: ["note"] } })).toEqual(["src-a"]);
  });
  it("takes a relationship's sources from its evidence only", () => {
    expect(sourcesOf({ ...rel("r", "a", "b"), properties: { sources: [1, 2] } })).toEqual([]);
    expect(sourcesOf({ ...rel("r", "a", "b"), evidence: [{ source: "src-a" }], properties: {} })).toEqual(["src-a"]);
  });
});

describe("status", () => {
  it("is the API's status only, with no default, and styled only for the four", () => {
    expect(statusOf({ ...rel("r", "a", "b"), properties: { status: 42 } })).toBe("");
    expect(statusOf({ ...rel("r", "a", "b"), properties: { status: ["reported"] } })).toBe("");
    expect(statusOf(rel("r", "a", "b", "X", "rumoured"))).toBe("rumoured");
    expect(knownStatus("rumoured")).toBe("");
    expect(knownStatus(42)).toBe("");
    expect(knownStatus("alleged")).toBe("alleged");
  });
  it("calls provenance only a source's MENTIONS and a conflict's INVOLVES", () => {
    const source = node("s", "Source"), conflict = node("c", "Conflict"), person = node("p", "Person");
    expect(isProvenance(rel("r", "s", "x", "MENTIONS"), source)).toBe(true);
    expect(isProvenance(rel("r", "c", "x", "INVOLVES"), conflict)).toBe(true);
    expect(isProvenance(rel("r", "p", "x", "ACTED_IN"), person)).toBe(false);
    expect(isProvenance(rel("r", "p", "x", "MENTIONS"), person)).toBe(false);
    expect(isProvenance(rel("r", "s", "x", "CITES"), source)).toBe(false);
  });
});

describe("sourceRefs", () => {
  it("names a source by its element id, its key and its id property, each once", () => {
    expect(sourceRefs({ id: "4:x:1", key: "src-a", name: "A", properties: { id: "src-a" } })).toEqual(["4:x:1", "src-a"]);
  });
  it("keeps the id property of a source the server gives no key (no uniqueness constraint), which facts still cite", () => {
    expect(sourceRefs({ id: "4:x:2", name: "B", properties: { id: "src-b" } })).toEqual(["4:x:2", "src-b"]);
  });
  it("ignores an id property that is not text", () => {
    expect(sourceRefs({ id: "4:x:3", name: "C", properties: { id: 7 } })).toEqual(["4:x:3"]);
  });
});

describe("factGroups", () => {
  const node = (id: string, labels: string[]): GNode => ({ id, labels, name: id, properties: {} });
  const fact = (start: GNode, type: string, end: GNode) => ({ relationship: { id: `${start.id}-${type}-${end.id}`, type, start: start.id, end: end.id, properties: {} }, start, end });
  it("keeps one fact node's hops together, in the order each first came", () => {
    const claim = node("claim", ["Fact", "Claim"]), other = node("other", ["Fact", "Claim"]);
    const ling = node("ling", ["Entity", "Person"]), data = node("data", ["Entity", "Asset"]), bob = node("bob", ["Entity", "Person"]);
    const facts = [fact(claim, "AGAINST", ling), fact(ling, "EMPLOYED_BY", bob), fact(other, "AGAINST", bob), fact(claim, "CONCERNS", data), fact(ling, "OWNS", data)];
    const groups = factGroups(facts).map((g) => g.map((f) => f.relationship.id));
    // An entity's facts are no node's hops: each stays on its own.
    expect(groups).toEqual([["claim-AGAINST-ling", "claim-CONCERNS-data"], ["ling-EMPLOYED_BY-bob"], ["other-AGAINST-bob"], ["ling-OWNS-data"]]);
  });
});

describe("remainingTotal", () => {
  it("counts a supernode's typed groups inside its untyped one, once", () => {
    const hub = (direction: string, remaining: number) => ({ node: "hub", direction, remaining });
    expect(remainingTotal([hub("both", 2900), hub("out", 950), hub("in", 1950)])).toBe(2900);
    // Another node's groups add up as before.
    expect(remainingTotal([hub("both", 2900), { node: "b", direction: "out", remaining: 5 }, { node: "b", direction: "in", remaining: 3 }])).toBe(2908);
    expect(remainingTotal([])).toBe(0);
  });
});
