// The drawing: a Cytoscape.js canvas fed from a GraphModel. Positions are always preset
// (computed by the model), so the focus stays in the middle and an expansion never
// moves what the reader has already looked at.
import cytoscape from "cytoscape";
import type { Core, ElementDefinition } from "cytoscape";
import type { GraphModel, Pending, Point } from "./model";
import { isProvenance, knownStatus, PointGrid } from "./model";
import { labelStyle, mainLabel, stylesheet, typeColor } from "./style";
import { edgeLabel, moreLabel } from "./text";

export interface GraphViewEvents {
  select(kind: "node" | "rel" | null, id: string): void;
  expand(nodeId: string): void;
  more(p: Pending): void;
}

/**
 * Where a node's stack of `n` stubs goes: the first of right, left, below and above,
 * then the same farther out (the dashed line to the node still says whose it is), where
 * no stub of the stack (150 x 18 px, 24 px apart) lies on another node or its label;
 * when none is clear, level with the node beyond the rightmost one (`right`), where
 * nothing is.
 */
function stubSpot(c: Point, n: number, right: number, busy: (p: Point) => boolean): Point {
  const spots: Point[] = [];
  for (const k of [1, 1.5, 2, 2.5]) {
    spots.push({ x: c.x + 140 * k, y: c.y + 40 }, { x: c.x - 140 * k, y: c.y + 40 }, { x: c.x, y: c.y + 62 * k }, { x: c.x, y: c.y - 40 * k - n * 24 });
  }
  for (const s of spots) {
    let clear = true;
    for (let i = 0; i < n && clear; i++) clear = !busy({ x: s.x, y: s.y + i * 24 });
    if (clear) return s;
  }
  return { x: right + 150, y: c.y + 40 };
}

/** How wide a node's name is drawn at most (style.ts: text-max-width), and how far below its node it reaches, in model px. */
const LABEL_WIDTH = 134;
const LABEL_DROP = 24;

/** A Cytoscape canvas that mirrors a model. */
export class GraphView {
  readonly cy: Core;
  private conflicted = new Set<string>();
  /** A fit asked for while the canvas was hidden, done once it shows. */
  private pendingFit = false;
  /** The view is as fit() left it: the reader has not panned or zoomed since. */
  private fitted = false;
  /** The container's size when last measured, for keeping the view's centre on a resize. */
  private size = { w: 0, h: 0 };

  constructor(container: HTMLElement, private model: GraphModel, events: GraphViewEvents) {
    this.cy = cytoscape({
      container,
      style: stylesheet() as never,
      layout: { name: "preset" },
      minZoom: 0.05,
      maxZoom: 4,
      selectionType: "single",
      boxSelectionEnabled: false,
    });
    // Double-tap detection of our own, from the input events' timestamps: Cytoscape's
    // dbltap measures when the taps are processed, which a busy machine stretches.
    let lastTap = { id: "", at: -Infinity };
    this.cy.on("tap", "node", (e) => {
      const n = e.target;
      if (n.hasClass("more")) return events.more(n.data("pending"));
      const at = (e.originalEvent as Event | undefined)?.timeStamp ?? performance.now();
      if (lastTap.id === n.id() && at - lastTap.at < 500) {
        lastTap = { id: "", at: -Infinity };
        return events.expand(n.id());
      }
      lastTap = { id: n.id(), at };
      events.select("node", n.id());
    });
    // Show the labels of what touches the node under the pointer or the selection.
    this.cy.on("mouseover", "node", (e) => (e.target.addClass("hover"), e.target.connectedEdges().addClass("hl")));
    this.cy.on("mouseout", "node", (e) => (e.target.removeClass("hover"), e.target.connectedEdges().removeClass("hl")));
    // Their names' size depends on the zoom (style.ts): measured again when it changes.
    this.cy.on("zoom", () => (this.cy.nodes(".hover, :selected") as unknown as { updateStyle(): void }).updateStyle());
    this.cy.on("tap", "edge", (e) => {
      if (!e.target.hasClass("more")) events.select("rel", e.target.id());
    });
    this.cy.on("tap", (e) => {
      if (e.target === this.cy) events.select(null, "");
    });
    // Remember where the reader dragged a node, so undo and re-render keep it there.
    this.cy.on("dragfree", "node", (e) => {
      if (!e.target.hasClass("more")) this.model.pos.set(e.target.id(), { ...e.target.position() });
    });
    // Cytoscape measures its container only on a window resize. The canvas is hidden and
    // shown without one (the console's tabs, the modes, the list view): measured again
    // whenever its size changes, it draws where it shows, and a fit asked for while it
    // was hidden happens once it shows.
    //
    // A resize of a shown canvas (a phone turned, a window dragged narrower) keeps the
    // graph in view: a view the reader has not moved since its fit is fitted again, and
    // one they have moved keeps its centre where it was, not its top left corner.
    this.cy.on("dragpan pinchzoom scrollzoom", () => { this.fitted = false; });
    new ResizeObserver(() => {
      const before = this.size;
      this.cy.resize();
      this.size = { w: this.cy.width(), h: this.cy.height() };
      if (this.pendingFit || this.fitted) return this.fit();
      if (!before.w || !before.h || !this.size.w || !this.size.h) return;
      const pan = this.cy.pan();
      this.cy.pan({ x: pan.x + (this.size.w - before.w) / 2, y: pan.y + (this.size.h - before.h) / 2 });
    }).observe(container);
  }

  /** Swaps the model (the console draws its own results with the same view). */
  setModel(model: GraphModel): void {
    this.model = model;
  }

  /** Marks the nodes that conflicts between the sources touch. */
  setConflicted(ids: Set<string>): void {
    this.conflicted = ids;
    this.cy.nodes().forEach((n) => {
      n.toggleClass("conflict", ids.has(n.id()));
    });
  }

  restyle(): void {
    this.cy.style(stylesheet() as never);
  }

  /** Brings the canvas in line with the model: adds, removes, keeps positions. */
  render(opts: { fit?: boolean } = {}): void {
    const m = this.model;
    const want = new Map<string, ElementDefinition>();
    // Big graphs skip what costs text measurement per element: edge labels (shown in the
    // details panel instead) and label ellipsis.
    const big = m.nodes.size > 500;
    for (const n of m.nodes.values()) {
      const label = mainLabel(n);
      const st = labelStyle(label);
      const isFact = n.labels.includes("Fact");
      // A fact node's status, drawn only when it is one of the four.
      const status = knownStatus(n.properties.status);
      const classes = [big ? "big" : "", isFact ? "fact" : "", n.id === m.focus ? "focus" : "", status ? "st-" + status : "", this.conflicted.has(n.id) ? "conflict" : ""];
      want.set(n.id, {
        group: "nodes",
        data: { id: n.id, label: (this.conflicted.has(n.id) ? "⚠ " : "") + n.name, color: st.color, shape: st.shape, kind: label },
        position: { ...(m.pos.get(n.id) ?? { x: 0, y: 0 }) },
        classes: classes.filter(Boolean).join(" "),
      });
    }
    for (const r of m.rels.values()) {
      if (!m.nodes.has(r.start) || !m.nodes.has(r.end)) continue;
      // Only the API's status, and only the four are styled; anything else is no status
      // the drawing can show (the Details panel writes it out).
      const st = knownStatus(r.status);
      // A source mentioning a node and a conflict's reach are provenance, not facts:
      // drawn thin and grey so the facts stand out.
      const provenance = isProvenance(r, m.nodes.get(r.start));
      want.set(r.id, {
        group: "edges",
        data: { id: r.id, source: r.start, target: r.end, label: big ? "" : edgeLabel(r.type, st), color: typeColor(r.type) },
        classes: provenance ? "provenance" : st ? "st-" + st : "",
      });
    }
    // "and N more" stubs: one per node, type and direction with neighbours left to page.
    // Each node's stubs stack on one side of it: to the right of its label (a cut name is
    // about 120 px wide, centred under the node), else left, below or above, whichever
    // first keeps the stack clear of the other nodes and their labels.
    // A stub is 153 by 21 px drawn; a node is 32 px across with its label, up to 130 px
    // wide, below it (35 px under its centre), and a few pixels spare on each side: a
    // stub centred at p lies on a node within 145 px across, 50 px above or 30 below.
    const nodesAt = new PointGrid(150);
    let right = -Infinity;
    for (const id of m.nodes.keys()) {
      const q = m.pos.get(id);
      if (q) nodesAt.add(id, q);
      right = Math.max(right, q?.x ?? 0);
    }
    const stacks = new Map<string, { x: number; y: number }>();
    const stubs = m.remaining();
    const count = new Map<string, number>();
    for (const p of stubs) count.set(p.node, (count.get(p.node) ?? 0) + 1);
    for (const p of stubs) {
      const id = `more:${p.node}|${p.type}|${p.direction}`;
      const c = m.pos.get(p.node) ?? { x: 0, y: 0 };
      const i = [...want.keys()].filter((k) => k.startsWith(`more:${p.node}|`)).length;
      if (!stacks.has(p.node)) stacks.set(p.node, stubSpot(c, count.get(p.node)!, right, (q) => nodesAt.near(q, 145, 50, 30, p.node)));
      const at = stacks.get(p.node)!;
      want.set(id, {
        group: "nodes",
        data: { id, label: moreLabel(p.remaining, p.type, p.direction, p.upperBound), pending: p },
        position: { x: at.x, y: at.y + i * 24 },
        classes: "more",
        // A stub is a button, not an element: clicking it must leave the selection alone.
        selectable: false,
      });
      // A colour like every edge's, or Cytoscape warns that data(color) is missing.
      want.set(id + ":e", { group: "edges", data: { id: id + ":e", source: p.node, target: id, color: "#94a3b8" }, classes: "more" });
    }
    this.cy.batch(() => {
      this.cy.elements().forEach((el) => {
        const w = want.get(el.id());
        if (!w) el.remove();
        else if (el.isNode()) {
          el.data(w.data);
          el.classes(w.classes as string);
          if (el.hasClass("more") || !el.grabbed()) el.position(w.position!);
        }
      });
      const add = [...want.values()].filter((w) => this.cy.getElementById(w.data.id!).empty());
      this.cy.add(add.filter((w) => w.group === "nodes"));
      this.cy.add(add.filter((w) => w.group === "edges"));
    });
    // Big graphs: while panning or zooming, draw a cached texture of the scene without
    // edges, which keeps 2,000 nodes moving smoothly; small graphs draw everything.
    const huge = this.cy.elements().length > 1500;
    const r = (this.cy as unknown as { renderer(): Record<string, unknown> }).renderer();
    r.hideEdgesOnViewport = huge;
    r.textureOnViewport = huge;
    if (opts.fit) this.fit();
  }

  /**
   * Untangles a freshly loaded graph with a force layout started from the model's ring
   * layout (so the result is the same every time), the focus pinned in the middle; the
   * positions go back into the model, and expansions later place around them.
   */
  relax(fill = false): void {
    const n = this.cy.nodes().length;
    if (n < 8 || n > 400) return;
    this.cy.layout({
      name: "cose", randomize: false, animate: false, fit: false, nodeDimensionsIncludeLabels: true,
      idealEdgeLength: () => 110, nodeRepulsion: () => 9000, gravity: 0.4, numIter: 400,
      ...(fill ? { boundingBox: this.fillBox(n) } : {}),
    } as never).run();
    // Shift everything so the focus is back at the origin, where expansions measure from.
    const f = this.cy.getElementById(this.model.focus).position() ?? { x: 0, y: 0 };
    const dx = f.x, dy = f.y;
    this.cy.nodes().forEach((node) => {
      if (!node.hasClass("more")) this.model.pos.set(node.id(), { x: node.position().x - dx, y: node.position().y - dy });
    });
    // Re-place the "and N more" stubs next to their (moved) nodes.
    this.render();
  }

  /**
   * The box relax(true) spreads n nodes over: the canvas's shape (less the names'
   * allowance fit() keeps), as large as the canvas at zoom 1 or, for more nodes than
   * that holds at about 100 units apart, larger in proportion. Left to itself the force
   * layout came out tall in the console's wide, low canvas, and its fit was too small for
   * the names to be drawn (33 nodes at zoom 0.36; names need 0.55).
   */
  private fillBox(n: number): { x1: number; y1: number; w: number; h: number } {
    this.cy.resize();
    const w = Math.max(this.cy.width() - 2 * 24 - LABEL_WIDTH, 200), h = Math.max(this.cy.height() - 2 * 60 - LABEL_DROP, 120);
    const k = Math.max(1, Math.sqrt((n * 100 * 100) / (w * h)));
    return { x1: 0, y1: 0, w: w * k, h: h * k };
  }

  /** Fits the graph in view, by node positions only (measuring labels is slow for big graphs). */
  fit(): void {
    const nodes = this.cy.nodes();
    // Room above and below for the status line, which is drawn over the canvas's top
    // (a line or two); at the sides the names' allowance below is room enough.
    const padX = 24, padY = 60;
    // Cytoscape caches its container's size, and the cache went stale while the stage was
    // hidden (the console): fitted to that, the graph was drawn at the smallest zoom, a
    // blank canvas, after Back from the console. Measured afresh; a hidden canvas is
    // fitted once it shows (the ResizeObserver).
    this.cy.resize();
    const w = this.cy.width(), hgt = this.cy.height();
    this.size = { w, h: hgt };
    this.pendingFit = nodes.length > 0 && (!w || !hgt);
    this.fitted = nodes.length > 0 && !this.pendingFit;
    if (!this.fitted) return;
    const n = nodes.boundingBox({ includeLabels: false, includeOverlays: false } as never);
    // The names too, without measuring them: each is at most LABEL_WIDTH across, centred
    // under its node, and LABEL_DROP deep. By the nodes alone, a small graph zoomed in
    // had the names of its outer nodes cut at the canvas's edges.
    const bb = { x1: n.x1 - LABEL_WIDTH / 2, x2: n.x2 + LABEL_WIDTH / 2, y1: n.y1, y2: n.y2 + LABEL_DROP };
    const bw = bb.x2 - bb.x1, bh = bb.y2 - bb.y1;
    const zoom = Math.max(this.cy.minZoom(), Math.min(1.6, (w - 2 * padX) / Math.max(bw, 1), (hgt - 2 * padY) / Math.max(bh, 1)));
    this.cy.viewport({ zoom, pan: { x: w / 2 - zoom * (bb.x1 + bw / 2), y: hgt / 2 - zoom * (bb.y1 + bh / 2) } });
  }

  /**
   * Brings the given nodes into view when some are outside it (an expansion's new
   * neighbours placed past the canvas's edge): the view moves to take in them and what
   * it showed, zooming out only as far as that needs, never in. A view that shows them
   * all is left alone.
   */
  reveal(ids: string[]): void {
    let nodes = this.cy.collection();
    for (const id of ids) nodes = nodes.union(this.cy.getElementById(id));
    if (nodes.empty()) return;
    const pad = 40;
    const w = this.cy.width(), hgt = this.cy.height();
    if (!w || !hgt) return;
    const pan = this.cy.pan(), zoom = this.cy.zoom();
    // The view's extent in model coordinates, and the nodes' (their centres).
    const view = { x1: (pad - pan.x) / zoom, y1: (pad - pan.y) / zoom, x2: (w - pad - pan.x) / zoom, y2: (hgt - pad - pan.y) / zoom };
    const bb = nodes.boundingBox({ includeLabels: false, includeOverlays: false } as never);
    if (bb.x1 >= view.x1 && bb.x2 <= view.x2 && bb.y1 >= view.y1 && bb.y2 <= view.y2) return;
    const x1 = Math.min(view.x1, bb.x1), x2 = Math.max(view.x2, bb.x2), y1 = Math.min(view.y1, bb.y1), y2 = Math.max(view.y2, bb.y2);
    const z = Math.max(this.cy.minZoom(), Math.min(zoom, (w - 2 * pad) / Math.max(x2 - x1, 1), (hgt - 2 * pad) / Math.max(y2 - y1, 1)));
    this.cy.viewport({ zoom: z, pan: { x: w / 2 - z * (x1 + x2) / 2, y: hgt / 2 - z * (y1 + y2) / 2 } });
  }

  select(id: string): void {
    this.cy.$(":selected").unselect();
    this.cy.edges(".sel").removeClass("sel");
    if (!id) return;
    const el = this.cy.getElementById(id);
    el.select();
    (el.isNode() ? el.connectedEdges() : el).addClass("sel");
  }

  /** Highlights a set of elements (a traced path) and dims the rest; empty clears. */
  highlight(ids: Set<string>): void {
    this.cy.batch(() => {
      this.cy.elements().removeClass("dim path");
      if (!ids.size) return;
      this.cy.elements().forEach((el) => {
        if (ids.has(el.id())) el.addClass(el.isEdge() ? "path" : "");
        else el.addClass("dim");
      });
    });
  }

  /** The canvas as a PNG data blob. */
  png(bg: string): Blob {
    return this.cy.png({ output: "blob", full: true, bg, scale: 2 }) as unknown as Blob;
  }

  destroy(): void {
    this.cy.destroy();
  }
}
