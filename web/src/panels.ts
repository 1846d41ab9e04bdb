// The reading side of the page: the evidence panel for a node or an edge, the
// conflicts side by side, and the list view of the neighbourhood (the same graph as a
// table, for keyboards and screen readers).
import { bdi, h, hop, plural, show } from "./dom";
import { isTruncated, truncatedMark } from "./values";
import type { GraphModel } from "./model";
import { evidenceItems, factGroups, hasProvenance, isProvenance, isStrings, knownStatus, sourceRefs, sourcesOf, type SideFact } from "./model";
import { mainLabel, STATUS_STYLE } from "./style";
import { cut, sourceTitle } from "./text";
import type { Conflict, EntityDetail, GNode, GRel, Source } from "./types";

/** What the panels can ask the page to do. */
export interface PanelActions {
  open(key: string): void;
  select(kind: "node" | "rel", id: string): void;
  expand(nodeId: string): void;
  /** Whether Expand can grow this graph (the console's result graph cannot); yes when absent. */
  canExpand?(nodeId: string): boolean;
  expandType(nodeId: string, type: string, direction: "out" | "in"): void;
  collapse(nodeId: string): void;
  canCollapse(nodeId: string): boolean;
  /** Shows a fact of a conflict: selects it if it is on screen, else opens its start with it selected. */
  fact(r: GRel, start: GNode): void;
  /** Shows one conflict in the Conflicts tab. */
  conflict(id: string): void;
  /**
   * Shows what a mention's fact key names when it is not on screen: a fact stored as a
   * relationship (found in the graph of `source`, the source reporting it) opens at its
   * start with it selected, anything else opens as an entity.
   */
  ref(key: string, source?: string): void;
  /**
   * What a fact key that a mention names is, from the graph of the source reporting it
   * once that is loaded: a relationship's ends and type, or a node's name. Undefined until
   * then: the call starts the load, and the panel is drawn again when it is in.
   */
  refNamed?(source: string, key: string): { start: string; type: string; end: string } | { name: string } | undefined;
  /** A node's property in full (its own entry, GET /api/entities/{id}): graph answers cut long values. */
  whole(nodeId: string, key: string): Promise<unknown>;
  /** A property whole() has loaded for the node shown, so that a panel drawn again keeps it whole. */
  wholeLoaded?(nodeId: string, key: string): { value: unknown } | undefined;
  /** Opens the Cypher console with a query and its parameters filled in (never run). */
  query(cypher: string, params: Record<string, unknown>): void;
  /** The name of a conflict of this database, by its id; undefined when there is none. */
  conflictName(id: string): string | undefined;
}

/**
 * The properties a panel shows in places of their own, which the property table leaves
 * out: each only in newsgraph's own shape, as the panel shows it (a database newsgraph
 * did not build may use the same names for anything, and then they are ordinary
 * properties). `conflictKnown` says whether a conflict id is one the panel links.
 */
function shownElsewhere(el: GNode | GRel, conflictKnown: (id: string) => boolean): Set<string> {
  const p = el.properties;
  const skip = new Set<string>();
  const node = "labels" in el;
  // The heading and the ids line.
  if (node && typeof p.name === "string" && p.name.trim() === el.name) skip.add("name");
  if (el.key && p.id === el.key) skip.add("id");
  // The status badge.
  if (node ? knownStatus(p.status) : el.status && p.status === el.status) skip.add("status");
  // A node's provenance is listed under Sources and evidence; a relationship's became its
  // evidence on the server, which then leaves it out of its properties.
  if (node && hasProvenance(p)) skip.add("sources").add("evidence");
  // Lines of their own: the dates, the description, who alleges and who denies.
  for (const k of ["date", "date_text", "description"]) if (show(p[k])) skip.add(k);
  for (const k of ["alleged_by", "denied_by"]) if (isStrings(p[k])) skip.add(k);
  if (node && isStrings(p.aliases)) skip.add("aliases");
  if (node && typeof p.named === "boolean") skip.add("named");
  // A node's conflicts are listed under Conflicts when they are conflicts of this database.
  if (node && isStrings(p.conflicts) && p.conflicts.every(conflictKnown)) skip.add("conflicts");
  return skip;
}

/** A node's status badge: a fact node's `status`, when it is one of newsgraph's four. */
function nodeStatus(n: GNode): HTMLElement | null {
  const st = knownStatus(n.properties.status);
  return st ? statusBadge(st) : null;
}

/**
 * How a relationship's status shows: one of the four as its badge, any other status the
 * API gives as plain text, a source's mention or a conflict's reach as provenance, and
 * anything else (a relationship of a database newsgraph did not build) as nothing.
 */
export function statusMark(r: GRel, start: GNode | undefined, where: "heading" | "cell" = "heading"): HTMLElement | null {
  const st = knownStatus(r.status);
  if (st) return statusBadge(st);
  if (r.status) return h("span", { class: "status-text" }, where === "heading" ? `(status: ${r.status})` : r.status);
  if (isProvenance(r, start)) return h("span", { class: "muted" }, where === "heading" ? "(provenance)" : "provenance");
  return null;
}

export function statusBadge(status: string): HTMLElement {
  return h("span", { class: `badge st-${status}`, title: STATUS_STYLE[status]?.text ?? status }, status);
}

/** Properties that hold the keys of facts (a mention's), nodes or relationships: shown by name. */
const REFERENCES = new Set(["fact", "facts"]);

/** How a property table shows a key of another node: a link when it is on screen. */
type Ref = (key: string) => Node | string;

/**
 * The references of a panel: facts on screen by name (nodes) or by type (relationships),
 * as links that select them. A fact is often a relationship, so a key that is not on
 * screen is looked up, not opened as if it named an entity.
 */
function refsIn(model: GraphModel, act: PanelActions, source?: GNode): Ref {
  const sourceKey = source?.labels.includes("Source") ? source.key || source.id : undefined;
  return (key) => {
    const n = model.byKey("node", key);
    if (n) return h("button", { class: "link", onclick: () => act.select("node", n.id) }, bdi(n.name));
    const r = model.byKey("rel", key);
    if (r) {
      const name = (id: string) => model.nodes.get(id)?.name ?? id;
      return h("button", { class: "link", onclick: () => act.select("rel", r.id) }, hop(bdi(name(r.start)), r.type, bdi(name(r.end))));
    }
    // Not on screen: a link that finds and shows it, named as its source's graph names it
    // once that is in ("ling owns google drive" read as a key, not as the fact), and until
    // then by its key in words.
    const named = sourceKey ? act.refNamed?.(sourceKey, key) : undefined;
    const text = !named ? key.replace(/-/g, " ") : "name" in named ? bdi(named.name) : hop(bdi(named.start), named.type, bdi(named.end));
    return h("button", { class: "link", onclick: () => act.ref(key, sourceKey), title: `Show ${key}` }, text);
  };
}

/** Where the whole of a long value is: a node's own entry loads it, a relationship's is a console query away. */
type Whole = (key: string, view: HTMLElement) => Node;

/** A node's long value: a link that loads the whole value into the view. */
function wholeOfNode(act: PanelActions, nodeId: string): Whole {
  return (key, view) => {
    const loaded = act.wholeLoaded?.(nodeId, key);
    if (loaded) {
      view.replaceChildren(show(loaded.value));
      view.classList.add("whole");
      return document.createTextNode("");
    }
    const link: HTMLButtonElement = h("button", {
      class: "link show-all", title: "Load the whole value", onclick: async () => {
        link.disabled = true;
        try {
          view.replaceChildren(show(await act.whole(nodeId, key)));
          view.classList.add("whole");
          link.remove();
        } catch (err) {
          link.replaceWith(h("span", { class: "muted" }, ` (could not load it: ${(err as Error).message})`));
        }
      },
    }, "show all");
    return link;
  };
}

/** A relationship's long value: the console reads it whole. */
function wholeOfRel(act: PanelActions, relId: string): Whole {
  return (key) => h("button", {
    class: "link show-all", title: "The console returns every value whole",
    onclick: () => act.query("MATCH ()-[r]->() WHERE elementId(r) = $id\nRETURN r[$key] AS value", { id: relId, key }),
  }, "show all in the Cypher console");
}

/** A text value of more characters than this shows its first LONG_TEXT_SHOWN, and "show all". */
const LONG_TEXT = 500;
const LONG_TEXT_SHOWN = 280;
/** A long text's beginning: LONG_TEXT_SHOWN characters and "…" (cut counts the ellipsis). */
const beginning = (text: string) => cut(text, LONG_TEXT_SHOWN + 1);

/**
 * A value as the panel shows it: its text, and for a value the server sent in part, a way
 * to the whole. A long text (a 4 KB note, the server's 1,000-character preview) shows its
 * beginning: whole, it filled the panel and pushed everything after it out of sight.
 */
function valueView(key: string, v: unknown, whole?: Whole): Node | string {
  if (isTruncated(v)) {
    const shown = typeof v.preview === "string" ? beginning(v.preview) : null;
    const text = shown !== null && shown !== v.preview ? `${shown} ${truncatedMark(v)}` : show(v);
    const view = h("span", { class: "long-value" }, text);
    return h("span", {}, view, whole ? [" ", whole(key, view)] : null);
  }
  const text = show(v);
  if (text.length <= LONG_TEXT || [...text].length <= LONG_TEXT) return text;
  const view = h("span", { class: "long-value" }, beginning(text));
  const more: HTMLButtonElement = h("button", {
    class: "link show-all", title: "Show the whole value",
    onclick: () => {
      view.replaceChildren(text);
      view.classList.add("whole");
      more.remove();
    },
  }, "show all");
  return h("span", {}, view, " ", more);
}

/**
 * The properties not shown elsewhere, each under its own name as written in the database
 * (so that a property called element_id cannot pass for the element id above it).
 */
function propTable(props: Record<string, unknown>, skip: Set<string>, act: PanelActions, ref?: Ref, whole?: Whole): HTMLElement | null {
  const rows = Object.entries(props).filter(([k, v]) => !skip.has(k) && v !== null && v !== "" && !(Array.isArray(v) && !v.length));
  if (!rows.length) return null;
  rows.sort(([a], [b]) => a.localeCompare(b));
  const cell = (k: string, v: unknown) => {
    // newsgraph's conflict ids: links to the conflicts this database has.
    if (k === "conflicts" && isStrings(v)) return v.map((id, i) => [i ? ", " : "", conflictLink(id, act)]);
    // A web address (a source's url) is a link to it.
    const href = webAddress(v);
    if (href && String(v).length <= LONG_TEXT) return outLink(href, String(v));
    if (!ref || !REFERENCES.has(k)) return valueView(k, v, whole);
    const keys = (Array.isArray(v) ? v : [v]).map(String);
    return h("ul", { class: "refs" }, keys.map((key) => h("li", {}, ref(key))));
  };
  // A mention lists the facts its source reports; a party relationship names the fact node it belongs to.
  const name = (k: string) => (k === "facts" ? "facts it reports" : k === "fact" ? "fact it belongs to" : k);
  return h("table", { class: "props" }, h("tbody", {}, rows.map(([k, v]) => h("tr", {}, h("th", { scope: "row", title: k, class: REFERENCES.has(k) ? null : "key" }, name(k)), h("td", {}, cell(k, v))))));
}

/** A conflict by name, a link to its accounts; an id no conflict has stays text. */
function conflictLink(id: string, act: PanelActions): Node | string {
  const name = act.conflictName(id);
  return name === undefined ? id : h("button", { class: "link", onclick: () => act.conflict(id), title: "Read the accounts side by side" }, "⚠ ", bdi(name));
}

/** The element's own ids, labelled as what they are, apart from its properties. */
function ids(el: GNode | GRel): HTMLElement {
  return h("dl", { class: "ids" },
    h("dt", { title: "Neo4j's id of this element, which every database has" }, "Neo4j element id"), h("dd", {}, el.id),
    el.key ? [h("dt", { title: "Its id property, the id newsgraph's links and the API use" }, "Stable id"), h("dd", {}, el.key)] : null);
}

function dates(p: Record<string, unknown>): HTMLElement | null {
  const date = show(p.date), text = show(p.date_text);
  if (!date && !text) return null;
  return h("p", { class: "dates" }, h("strong", {}, "When: "), date || "date unknown", text && text !== date ? ` (${text})` : "");
}

function parties(label: string, keys: unknown, model: GraphModel): HTMLElement | null {
  if (!isStrings(keys) || !keys.length) return null;
  const names = keys.map((key) => model.byKey("node", key)?.name ?? key);
  return h("p", {}, h("strong", {}, label + ": "), names.map((n, i) => [i ? ", " : "", bdi(n)]));
}

/** Whether two elements cite the same sources saying the same things (a party and its fact, often). */
function sameEvidence(a: GRel | GNode, b: GRel | GNode): boolean {
  const said = (el: GRel | GNode) => evidenceItems(el).map((e) => JSON.stringify([e.source, e.note || ""])).sort().join("\n");
  return said(a) === said(b);
}

/** A web address (http or https only, never javascript: or data:), or null. */
function webAddress(v: unknown): string | null {
  if (typeof v !== "string" || !/^https?:\/\/[^\s]+$/i.test(v.trim())) return null;
  try {
    return new URL(v.trim()).href;
  } catch {
    return null;
  }
}

/** A link that opens a source's article in a new tab, without handing it this page. */
const outLink = (href: string, ...text: (Node | string)[]) => h("a", { href, target: "_blank", rel: "noopener noreferrer" }, ...text);

/** A source's name, a link to its article when it has a web address (its `url`, when the dataset gives one). */
function linked(src: Source | undefined, name: Node): Node {
  const href = webAddress(src?.properties?.url);
  return href ? outLink(href, name) : name;
}

/** The evidence of a fact: each source with what it says, as a list. */
export function evidenceList(r: GRel | GNode, sources: Map<string, Source>): HTMLElement {
  const ev = evidenceItems(r);
  if (!ev.length) return h("p", { class: "muted" }, "No source is recorded for this element.");
  return h("ol", { class: "evidence" },
    ev.map((e) => {
      const src = sources.get(e.source);
      return h("li", { class: "evidence-item" },
        h("div", { class: "evidence-source" }, linked(src, bdi(e.title || src?.title || src?.name || e.source)), src?.publisher ? h("span", { class: "muted" }, " · ", bdi(src.publisher)) : null),
        e.note ? h("div", { class: "evidence-note" }, e.note) : null);
    }));
}

/** The panel for a relationship: type, ends, status, dates, properties and evidence. */
export function relPanel(r: GRel, model: GraphModel, sources: Map<string, Source>, act: PanelActions): HTMLElement {
  const start = model.nodes.get(r.start), end = model.nodes.get(r.end);
  // A party relationship belongs to a fact node, which its `fact` names: show the fact's
  // own attributes too (an investment's amount and stake live on the Investment node).
  // Not any fact node at an end: PRECEDES, from an Offer to a Lawsuit, is a fact of its
  // own, and showed the Offer as its fact.
  const factKey = r.properties.fact;
  const fact = typeof factKey === "string" ? [start, end].find((n) => n?.labels.includes("Fact") && (n.key === factKey || n.properties.id === factKey)) : undefined;
  const known = (id: string) => act.conflictName(id) !== undefined;
  const nodeLink = (n: GNode | undefined, id: string) =>
    h("button", { class: "link", onclick: () => act.select("node", id) }, bdi(n?.name ?? id));
  return h("section", { class: "panel-body", "aria-label": "Relationship details" },
    h("h2", {}, bdi(r.type), " ", statusMark(r, start)),
    h("p", { class: "ends" }, nodeLink(start, r.start), " → ", nodeLink(end, r.end)),
    ids(r),
    dates(r.properties),
    show(r.properties.description) ? h("p", {}, valueView("description", r.properties.description, wholeOfRel(act, r.id))) : null,
    parties("Alleged by", r.properties.alleged_by, model),
    parties("Denied by", r.properties.denied_by, model),
    // A mention's facts are reported by its start, the source.
    propTable(r.properties, shownElsewhere(r, known), act, refsIn(model, act, start), wholeOfRel(act, r.id)),
    fact ? h("div", { class: "fact-box" },
      h("h3", {}, bdi(mainLabel(fact)), ": ", bdi(fact.name), " ", nodeStatus(fact)),
      dates(fact.properties),
      parties("Alleged by", fact.properties.alleged_by, model),
      parties("Denied by", fact.properties.denied_by, model),
      show(fact.properties.description) ? h("p", {}, valueView("description", fact.properties.description, wholeOfNode(act, fact.id))) : null,
      propTable(fact.properties, shownElsewhere(fact, known), act, undefined, wholeOfNode(act, fact.id)),
      // The fact's own sources, when the relationship's are listed below instead and say
      // something else (the same sources with the same notes are listed once, below).
      sourcesOf(fact).length && sourcesOf(r).length && !sameEvidence(fact, r) ? [h("h4", {}, "The fact's sources"), evidenceList(fact, sources)] : null) : null,
    relEvidence(r, start, end, sources, true),
    fact && !sourcesOf(r).length ? evidenceList(fact, sources) : null,
  );
}

/**
 * What a relationship's evidence panel says of its sources, under a heading when
 * `heading`: a mention starts at its source, so the edge is the evidence and there is
 * none besides; on a database that records no sources at all (another one than
 * newsgraph's), nothing, rather than "No source is recorded" under every edge. The
 * Details panel and a trace's hops say the same.
 */
export function relEvidence(r: GRel, start: GNode | undefined, end: GNode | undefined, sources: Map<string, Source>, heading = false): Node[] | null {
  let body: HTMLElement;
  if (start?.labels.includes("Source") && !sourcesOf(r).length) {
    body = h("p", {}, "The source is this edge's start: ", h("strong", {}, bdi(sourceTitle(start, sources))), " ", bdi(r.type.toLowerCase()), " ", end ? bdi(end.name) : "it", ".");
  } else if (!sourcesOf(r).length && sources.size === 0) {
    return null;
  } else {
    body = evidenceList(r, sources);
  }
  return heading ? [h("h3", {}, "Sources and evidence"), body] : [body];
}

/** The panel for a node; `detail` (from /api/entities/{id}) adds counts, facts and sources. */
export function nodePanel(n: GNode, detail: EntityDetail | null, model: GraphModel, sources: Map<string, Source>, act: PanelActions): HTMLElement {
  const isFact = n.labels.includes("Fact");
  const key = n.key || n.id;
  // Its conflicts are listed once the entry is in; until then, those the page knows.
  const listed = new Set(detail?.conflicts.map((c) => c.id));
  const known = (id: string) => (detail ? listed.has(id) : act.conflictName(id) !== undefined);
  const mentionedIn = (detail?.sources ?? []).filter((s) => s.id !== n.id);
  return h("section", { class: "panel-body", "aria-label": "Node details" },
    h("h2", {}, bdi(n.name), " ", nodeStatus(n)),
    h("p", { class: "labels" }, n.labels.map((l) => h("span", { class: "chip" }, bdi(l)))),
    ids(n),
    show(n.properties.description) ? h("p", {}, valueView("description", n.properties.description, wholeOfNode(act, n.id))) : null,
    // A fact node's parties who allege or deny it (the property table leaves them out).
    parties("Alleged by", n.properties.alleged_by, model),
    parties("Denied by", n.properties.denied_by, model),
    // A conflict node opens its accounts side by side, as its ⚠ links elsewhere do.
    n.labels.includes("Conflict") && act.conflictName(key) !== undefined
      ? h("p", {}, h("button", { class: "link", onclick: () => act.conflict(key) }, "⚠ Read the accounts side by side")) : null,
    isStrings(n.properties.aliases) && n.properties.aliases.length ? h("p", {}, h("strong", {}, "Also known as: "), show(n.properties.aliases)) : null,
    n.properties.named === false ? h("p", { class: "muted" }, "The sources do not name this party.") : null,
    dates(n.properties),
    h("div", { class: "actions" },
      n.id !== model.focus ? h("button", { onclick: () => act.open(key) }, "Open as focus") : null,
      act.canExpand?.(n.id) ?? true ? h("button", { onclick: () => act.expand(n.id), title: "Expand (double-click, or E)" }, "Expand") : null,
      act.canCollapse(n.id) ? h("button", { onclick: () => act.collapse(n.id), title: "Collapse (C)" }, "Collapse") : null),
    propTable(n.properties, shownElsewhere(n, known), act, refsIn(model, act, n), wholeOfNode(act, n.id)),
    isFact || sourcesOf(n).length ? [h("h3", {}, "Sources and evidence"), evidenceList(n, sources)] : null,
    detail?.conflicts.length ? [h("h3", {}, "⚠ Conflicts"), h("ul", {}, detail.conflicts.map((c) =>
      h("li", { class: "conflict-ref" }, h("button", { class: "link", onclick: () => act.conflict(c.id), title: "Read the accounts side by side" }, bdi(c.name)))))] : null,
    detail?.counts.length ? [
      h("h3", {}, "Relationships by type"),
      h("ul", { class: "counts" }, detail.counts.map((c) =>
        h("li", {}, h("button", { class: "link", onclick: () => act.expandType(n.id, c.type, c.direction), title: "Load these neighbours" },
          `${c.direction === "out" ? "→" : "←"} `, bdi(c.type)), ` ${c.count}`))),
    ] : null,
    // A source supports its own facts, but is not mentioned in itself.
    mentionedIn.length ? [
      h("h3", {}, "Mentioned in"),
      h("ul", {}, mentionedIn.map((s) => h("li", {}, linked(s, bdi(s.title || s.name)), s.publisher ? h("span", { class: "muted" }, " · ", bdi(s.publisher)) : null))),
    ] : null,
  );
}

/** All conflicts, each with the accounts side by side. */
export function conflictsPanel(conflicts: Conflict[], act: PanelActions, failure?: { why: string; retry: () => void }): HTMLElement {
  // Conflicts that did not load are not "none": the dataset may be all about them.
  if (failure) {
    return h("p", { class: "error" }, "The conflicts between the sources could not be loaded: ", failure.why, " ",
      h("button", { class: "small", onclick: failure.retry }, "Retry"));
  }
  if (!conflicts.length) return h("p", { class: "muted" }, "The sources do not contradict each other anywhere in this dataset.");
  return h("div", { class: "conflicts" }, conflicts.map((c) =>
    h("article", { class: "conflict", "data-conflict": c.id, tabindex: -1 },
      h("h3", {}, "⚠ ", bdi(c.name)),
      c.description ? h("p", {}, c.description) : null,
      // Another database's :Conflict may touch nothing.
      c.entities.length ? h("p", { class: "muted" }, "Touches: ", c.entities.map((e, i) => [i ? ", " : "", h("button", { class: "link", onclick: () => act.open(e.key || e.id) }, bdi(e.name))])) : null,
      h("div", { class: "sides", style: `grid-template-columns: repeat(${Math.max(1, c.sides.length)}, minmax(0, 1fr))` },
        c.sides.map((s) =>
          h("div", { class: "side" },
            h("h4", {}, bdi(s.source.title || s.source.name)),
            h("ul", {}, factGroups(s.facts).map((g) => conflictFact(g, s.source, act)))))))));
}

/** One fact of a side: a hop, or a fact node's name once with each of its hops under it. */
function conflictFact(group: SideFact[], source: Source, act: PanelActions): HTMLElement {
  const notes = [...new Set(group.flatMap((f) => (f.relationship.evidence ?? [])
    .filter((e) => sourceRefs(source).includes(e.source) && e.note).map((e) => e.note as string)))];
  const evidence = notes.map((note) => h("div", { class: "evidence-note" }, note));
  const [first] = group;
  if (group.length === 1) {
    return h("li", {},
      h("button", { class: "link", "data-rel": first.relationship.id, onclick: () => act.fact(first.relationship, first.start) },
        hop(bdi(first.start.name), first.relationship.type, bdi(first.end.name))),
      " ", statusMark(first.relationship, first.start), evidence);
  }
  const status = first.relationship.status;
  return h("li", { class: "fact-group" },
    h("button", { class: "link fact-name", onclick: () => act.open(first.start.key || first.start.id) }, bdi(first.start.name)),
    " ", statusMark(first.relationship, first.start),
    h("ul", { class: "hops" }, group.map((f) =>
      h("li", {},
        h("button", { class: "link", "data-rel": f.relationship.id, "aria-label": `${f.start.name} —${f.relationship.type}→ ${f.end.name}`,
          onclick: () => act.fact(f.relationship, f.start) }, "—", bdi(f.relationship.type), "→ ", bdi(f.end.name)),
        // Said only where a hop's status is not the fact's.
        f.relationship.status !== status ? [" ", statusMark(f.relationship, f.start)] : null))),
    evidence);
}

/** The neighbourhood as two tables, every row a button to select that element. */
export function listView(model: GraphModel, act: PanelActions, selected = ""): HTMLElement {
  // The selected element's button says so (aria-current) and its row shows it.
  const mark = (id: string) => (id === selected ? { "aria-current": "true" } : {});
  const nodes = [...model.nodes.values()].sort((a, b) => a.name.localeCompare(b.name));
  const rels = [...model.rels.values()];
  const name = (id: string) => model.nodes.get(id)?.name ?? id;
  return h("div", { class: "list-view" },
    h("table", { class: "data" },
      h("caption", {}, plural(nodes.length, "node")),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Name"), h("th", { scope: "col" }, "Kind"), h("th", { scope: "col" }, "Actions"))),
      h("tbody", {}, nodes.map((n) => h("tr", { class: n.id === selected ? "selected" : null },
        h("td", {}, h("button", { class: "link", "data-focus": `node:${n.id}`, onclick: () => act.select("node", n.id), ...mark(n.id) }, bdi(n.name), n.id === model.focus ? " (focus)" : "")),
        h("td", {}, bdi(mainLabel(n))),
        h("td", {}, h("button", { class: "small", "data-focus": `expand:${n.id}`, onclick: () => act.expand(n.id), "aria-label": `Expand ${n.name}` }, "Expand")))))),
    h("table", { class: "data" },
      h("caption", {}, plural(rels.length, "relationship")),
      h("thead", {}, h("tr", {}, ["From", "Type", "To", "Status", "Sources"].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, rels.map((r) => h("tr", { class: r.id === selected ? "selected" : null },
        h("td", {}, bdi(name(r.start))),
        // Named by its ends too: tabbing through the rows read "COMPETES_WITH" alike.
        h("td", {}, h("button", { class: "link", "data-focus": `rel:${r.id}`, onclick: () => act.select("rel", r.id),
          "aria-label": `${r.type} from ${name(r.start)} to ${name(r.end)}`, ...mark(r.id) }, bdi(r.type))),
        h("td", {}, bdi(name(r.end))),
        h("td", {}, statusMark(r, model.nodes.get(r.start), "cell")),
        h("td", {}, String(sourcesOf(r).length)))))),
  );
}
