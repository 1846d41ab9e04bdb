// How the graph looks: one colour and shape per label, one colour per relationship type,
// and line styles that tell alleged, denied and disputed facts apart from reported ones.
import type { GNode } from "./types";

/** Shape and colour per label; the first label of a node found here wins. */
export const LABEL_STYLE: Record<string, { color: string; shape: string }> = {
  Organization: { color: "#3b82f6", shape: "round-rectangle" },
  Person: { color: "#10b981", shape: "ellipse" },
  Group: { color: "#8b5cf6", shape: "hexagon" },
  Asset: { color: "#f59e0b", shape: "barrel" },
  Investment: { color: "#0ea5e9", shape: "diamond" },
  Lawsuit: { color: "#ef4444", shape: "diamond" },
  Claim: { color: "#f97316", shape: "diamond" },
  // A denial or a statement was called a mere "Fact" in search and the legend, while its
  // Details said Denial: who denied what must be findable from the list.
  Denial: { color: "#e11d48", shape: "diamond" },
  Statement: { color: "#a21caf", shape: "diamond" },
  Offer: { color: "#14b8a6", shape: "diamond" },
  Remedy: { color: "#84cc16", shape: "diamond" },
  Fact: { color: "#64748b", shape: "diamond" },
  Source: { color: "#78716c", shape: "tag" },
  Conflict: { color: "#dc2626", shape: "star" },
  Entity: { color: "#6366f1", shape: "ellipse" },
};

/** Status -> how an edge is drawn, and its legend text. */
export const STATUS_STYLE: Record<string, { color: string; line: "solid" | "dashed" | "dotted"; text: string }> = {
  reported: { color: "", line: "solid", text: "reported: established in the sources" },
  alleged: { color: "#d97706", line: "dashed", text: "alleged: one party says so" },
  denied: { color: "#dc2626", line: "dotted", text: "denied: a party denies it" },
  disputed: { color: "#9333ea", line: "dashed", text: "disputed: the sources disagree" },
};

const PALETTE = ["#2563eb", "#059669", "#7c3aed", "#db2777", "#0891b2", "#ca8a04", "#4f46e5", "#16a34a", "#c026d3", "#0d9488", "#b45309", "#475569"];

/** The relationship types that are provenance (model.ts isProvenance), drawn thin and grey whatever their colour. */
export const PROVENANCE_TYPES = new Set(["MENTIONS", "INVOLVES"]);

/** Each relationship type's place in the database's list (setTypeOrder), for its colour. */
let typeOrder = new Map<string, number>();

/**
 * Gives the database's relationship types (the schema's list) a colour each: from their
 * names' hashes into a palette, four of the dataset's types came out the same green.
 * Provenance types take none, being drawn grey.
 */
export function setTypeOrder(types: string[]): void {
  typeOrder = new Map(types.filter((t) => !PROVENANCE_TYPES.has(t)).map((t, i) => [t, i]));
}

/**
 * A relationship type's colour: its own by its place in the database's list, else one
 * from its name. The hue turns by the golden angle from one type to the next, so that
 * any number of types differ and neighbours in the list differ most; the lightness
 * takes three steps, which tells apart types whose hues came out close. Mid-tones read
 * on both themes.
 */
export function typeColor(type: string): string {
  const i = typeOrder.get(type);
  if (i === undefined) return colorFor(type);
  return `hsl(${Math.round((i * 137.508) % 360)}, 70%, ${[38, 48, 30][i % 3]}%)`;
}

/** A stable colour for an unknown label (or a type the database's list lacks), from its name. */
export function colorFor(name: string): string {
  let h = 0;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return PALETTE[h % PALETTE.length];
}

/** The label that decides a node's look: the most specific one we know. */
export function mainLabel(n: GNode): string {
  const order = Object.keys(LABEL_STYLE);
  const known = n.labels.filter((l) => order.includes(l)).sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return known[0] ?? n.labels[0] ?? "Node";
}

export function labelStyle(label: string): { color: string; shape: string } {
  return LABEL_STYLE[label] ?? { color: colorFor(label), shape: "ellipse" };
}

/** Reads a CSS custom property of the page (the theme's colours). */
export function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/** What the label size functions read of a node. */
interface NodeLike {
  hasClass(c: string): boolean;
  cy(): { zoom(): number };
}

/** A node's usual name size, as the rules below set it. */
const baseFont = (n: NodeLike) => (n.hasClass("focus") ? 13 : n.hasClass("fact") ? 10 : 11);

/** A size in model px that shows on screen at least as large as it does at zoom 1 (and no larger). */
const readable = (n: NodeLike, px: number) => px / Math.min(1, n.cy().zoom());

/** The Cytoscape stylesheet for the current theme. */
export function stylesheet(): unknown[] {
  const fg = cssVar("--fg") || "#111";
  const bg = cssVar("--bg") || "#fff";
  const edge = cssVar("--edge") || "#94a3b8";
  const accent = cssVar("--accent") || "#2563eb";
  return [
    {
      selector: "node",
      style: {
        "background-color": "data(color)", shape: "data(shape)", label: "data(label)",
        color: fg, "font-size": 11, "text-valign": "bottom", "text-margin-y": 4,
        "text-wrap": "ellipsis", "text-max-width": "130px", width: 30, height: 30,
        "text-outline-color": bg, "text-outline-width": 2, "border-width": 0, "min-zoomed-font-size": 6,
      },
    },
    { selector: "node.big", style: { "text-wrap": "none" } },
    { selector: "node.fact", style: { width: 22, height: 22, "font-size": 10 } },
    { selector: "node.focus", style: { width: 44, height: 44, "font-size": 13, "font-weight": "bold", "border-width": 3, "border-color": fg } },
    { selector: "node.fact.st-alleged", style: { "border-width": 3, "border-style": "dashed", "border-color": STATUS_STYLE.alleged.color } },
    { selector: "node.fact.st-denied", style: { "border-width": 3, "border-style": "dotted", "border-color": STATUS_STYLE.denied.color } },
    { selector: "node.fact.st-disputed", style: { "border-width": 3, "border-style": "dashed", "border-color": STATUS_STYLE.disputed.color } },
    // The node under the pointer and the one selected name themselves at a readable size
    // whatever the zoom: a graph fitted far out (a console result, a phone) drew no names
    // at all, and a dot said what it was only in its panel. GraphView restyles them on zoom.
    {
      selector: "node.hover, node:selected",
      style: {
        "min-zoomed-font-size": 0, "z-index": 20,
        "font-size": (n: NodeLike) => readable(n, baseFont(n)),
        "text-max-width": (n: NodeLike) => `${readable(n, 130)}px`,
      },
    },
    // The conflict badge: a red ring and a warning sign after the name.
    { selector: "node.conflict", style: { "outline-width": 3, "outline-color": "#dc2626", "outline-offset": 2, "outline-opacity": 0.9 } },
    {
      selector: "node.more",
      style: {
        shape: "round-rectangle", "background-color": bg, "border-width": 1, "border-style": "dashed",
        "border-color": edge, width: 150, height: 18, "text-valign": "center",
        "text-margin-y": 0, "font-size": 10, color: accent, "text-max-width": "200px",
        // Drawn at any zoom: hidden below 6 px like the names, a supernode zoomed out to
        // take in its pages showed no sign of the rest but the toolbar's count.
        "min-zoomed-font-size": 0,
      },
    },
    {
      selector: "edge",
      style: {
        width: 1.6, "line-color": "data(color)", "target-arrow-color": "data(color)", "target-arrow-shape": "triangle",
        "curve-style": "bezier", "arrow-scale": 0.8, label: "data(label)", "font-size": 8, color: fg,
        "text-rotation": "autorotate", "text-outline-color": bg, "text-outline-width": 2,
        // A box behind the label: through the outline alone, the line showed in the gap
        // above an underscore, and MEMBER_OF read as MEMBER-OF.
        "text-background-color": bg, "text-background-opacity": 1, "text-background-padding": "1px",
        // Edge labels appear when zoomed in, or on the edges of the node in hand.
        "min-zoomed-font-size": 12,
      },
    },
    { selector: "edge.provenance", style: { width: 1, "line-color": edge, "target-arrow-color": edge, opacity: 0.55, "arrow-scale": 0.6 } },
    { selector: "edge.hl, edge.sel", style: { "min-zoomed-font-size": 0, "font-size": 9, opacity: 1, "z-index": 10 } },
    { selector: "edge.st-alleged", style: { "line-style": "dashed", "line-color": STATUS_STYLE.alleged.color, "target-arrow-color": STATUS_STYLE.alleged.color, width: 2.2 } },
    { selector: "edge.st-denied", style: { "line-style": "dotted", "line-color": STATUS_STYLE.denied.color, "target-arrow-color": STATUS_STYLE.denied.color, width: 2.4 } },
    { selector: "edge.st-disputed", style: { "line-style": "dashed", "line-dash-pattern": [8, 3, 2, 3], "line-color": STATUS_STYLE.disputed.color, "target-arrow-color": STATUS_STYLE.disputed.color, width: 2.6 } },
    { selector: "edge.more", style: { "line-style": "dashed", "line-color": edge, "target-arrow-shape": "none", label: "", width: 1 } },
    { selector: "edge.path", style: { width: 4, "line-color": accent, "target-arrow-color": accent } },
    { selector: ":selected", style: { "overlay-color": accent, "overlay-opacity": 0.25, "overlay-padding": 6 } },
    { selector: ".dim", style: { opacity: 0.25 } },
  ];
}
