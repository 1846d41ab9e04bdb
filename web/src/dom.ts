// A tiny element builder: the page has no framework, and text always goes in as text
// (never as HTML), so names and notes from the data cannot inject markup.

type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

/** Creates an element with attributes (on* become listeners) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v as EventListener);
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el: Element, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

/** Replaces an element's children. */
export function fill(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** A name from the data as an element set apart from the text around it (bidi-isolated, its own direction). */
export const bdi = (name: string | number) => h("bdi", { dir: "auto" }, String(name));

/**
 * A relationship as a trace's hop reads it, its direction drawn: start —TYPE→ end, or
 * end ←TYPE— start when the hop goes against it. A fact named elsewhere (a conflict's, a
 * mention's) reads the same; as "start TYPE end" a claim's long name ran on into its
 * type and the other end ("…an unfair edge AGAINST Vladislav Bakayev").
 */
export const hop = (a: Node, type: string, b: Node, forward = true): (Node | string)[] =>
  [a, forward ? " —" : " ←", bdi(type), forward ? "→ " : "— ", b];

/**
 * A sentence as nodes: each name isolate() wrapped (FSI … PDI) becomes a <bdi>, so that
 * a name holding a right-to-left override cannot reorder the words after it.
 */
export function isolated(text: string): (string | Node)[] {
  return text.split(/\u2068([^\u2066-\u2069]*)\u2069/).map((part, i) => (i % 2 ? bdi(part) : part)).filter((p) => p !== "");
}

export function $(sel: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(sel);
  if (!el) throw new Error("missing element " + sel);
  return el;
}

/** "1 node", "2 nodes", "3 entries". */
export const plural = (n: number, word: string) => `${n} ${n === 1 ? word : word.replace(/y$/, "ie") + "s"}`;

/** A property value as text (values.ts): lists joined, typed values read, never their JSON. */
export { show } from "./values";
