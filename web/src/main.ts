// The page: one explorer whose whole view lives in the URL. Explore an entity's
// neighbourhood, read the evidence, trace a connection, or query with Cypher (loaded on
// demand so the first page stays small).
import "./styles.css";
import { api, ApiError, canRetry, explain, factIn, wholeProperty, type Params } from "./api";
import { $, bdi, fill, h, hop, isolated, plural } from "./dom";
import { download, toCSV, toJSON } from "./export";
import { GraphView } from "./graphview";
import { GraphModel, isProvenance, pendingKey, remainingTotal, ringLayout, sourceRefs, type Pending } from "./model";
import { conflictsPanel, listView, nodePanel, relEvidence, relPanel, statusMark, type PanelActions } from "./panels";
import { autocomplete } from "./search";
import { corrected, decode, DEFAULT_HOPS, defaultState, emptyFilters, encode, hasFilters, MAX_HOPS, neighbourhoodParams, STATUSES, dateProblem, validDate, type Mode, type ViewState } from "./state";
import { labelStyle, mainLabel, setTypeOrder, STATUS_STYLE, typeColor } from "./style";
import { cut, isolate, nameOr, noRelationships, pageLoading, pageMessage, traceTitle } from "./text";
import type { Conflict, EntityDetail, GNode, GRel, Graph, PathsAnswer, Schema, Source } from "./types";

/** How many neighbours one "and N more" click loads. */
const PAGE = 50;

/** What an explore view loads: its entity, depth and filters. */
const viewKey = (s: ViewState) => JSON.stringify([s.entity, s.depth, s.filters]);
/** Says that no path was found, and what the trace form could widen: more hops, allegations. */
function noPath(s: ViewState): string {
  const within = `No path connects them within ${plural(s.hops, "hop")}${s.established ? " through established facts" : ""}.`;
  const wider = [s.hops < MAX_HOPS ? "more hops" : "", s.established ? "allegations too (untick “established facts only”)" : ""].filter(Boolean);
  return wider.length ? `${within} Try ${wider.join(", or ")}.` : within;
}
const traceKey = (s: ViewState) => JSON.stringify([s.pathFrom, s.pathTo, s.hops, s.pathMode, s.established]);

/** Whether the status filter is "reported only" (allegations hidden). */
const onlyReported = (status: string[]) => status.length === 1 && status[0] === "reported";

const EMPTY: Graph = { nodes: [], relationships: [], truncated: false };

/** What the lazily loaded console exposes to the page. */
interface ConsoleHandle {
  /** Fills the editor; fromLink says the text came from the URL and has not run. */
  setText(q: string, params: string, fromLink?: boolean): void;
  graph(): Graph;
  table(): { columns: string[]; rows: unknown[][]; names: ReadonlyMap<string, string> } | null;
  say(text: string): void;
  png(bg: string): Blob | null;
  svg(bg: string): Promise<string | null>;
  setTheme(theme: string): void;
  focus(): void;
}

class App {
  state: ViewState = defaultState();
  model = new GraphModel();
  pathModel = new GraphModel();
  view: GraphView;
  sources = new Map<string, Source>();
  conflicts: Conflict[] = [];
  conflictedKeys = new Set<string>();
  schema: Schema | null = null;
  paths: PathsAnswer | null = null;
  console: ConsoleHandle | null = null;
  consoleLoading: Promise<ConsoleHandle> | null = null;
  /** The query and parameters of the URL the console last showed, as JSON. */
  consoleText = "";
  listOn = false;
  /** Bumped by every status line written, so a load can tell whether something was said since it began. */
  statusSeq = 0;
  /** Bumped by every load of a whole graph (an entity, a trace): older answers are dropped. */
  loadSeq = 0;
  /** Hides the details cue once the reader has scrolled the details into sight (cueDetails). */
  cueWatch: (() => void) | undefined;
  /** Bumped by every showDetails: an entry that answers after a later one was asked for is dropped. */
  detailsSeq = 0;
  /**
   * The long values "show all" loaded for the node whose details show (by property key):
   * its entry, answering after the click, draws the panel again, which took the whole
   * value back to its beginning.
   */
  wholes = { node: "", values: new Map<string, unknown>() };
  /** The entity, depth and filters whose neighbourhood the explore model holds ("" for none). */
  loaded = "";
  /** The trace whose paths the trace model holds (traceKey; "" for none). */
  traced = "";
  /** The trace's highlighted path (-1 for none). */
  highlighted = -1;
  /** Each mode's selection when last shown, which its button brings back. */
  selOf: Record<Mode, string> = { explore: "", paths: "", console: "" };
  sideLoading: Promise<void> | null = null;
  /**
   * Expansions and pages on their way, so a double click does not ask twice; each says
   * whether its answer would still be merged, and can be stopped.
   */
  inflight = new Map<string, { current(): boolean; abort(): void }>();
  actions: PanelActions;
  /** The search box, and the entity picked in it that it names; "" when it names none. */
  searchBox: { clear(): void } | null = null;
  searchPicked = "";
  /** The box's text when the pick was made: while it still reads so, nobody is typing. */
  searchPickedText = "";

  constructor() {
    this.actions = {
      open: (key) => this.navigate({ mode: "explore", entity: key, sel: "" }),
      select: (kind, id) => this.selectElement(kind, id, true),
      expand: (id) => void this.expand(id),
      expandType: (id, type, direction) => void this.more(this.activeModel().nextPage(id, type, direction)),
      collapse: (id) => this.collapse(id),
      canCollapse: (id) => this.activeModel().canCollapse(id),
      fact: (r, start) => this.showFact(r, start),
      conflict: (id) => this.showConflict(id),
      ref: (key, source) => void this.showRef(key, source),
      whole: async (id, key) => {
        const value = await wholeProperty(id, key);
        if (this.wholes.node === id) this.wholes.values.set(key, value);
        return value;
      },
      wholeLoaded: (id, key) => (this.wholes.node === id && this.wholes.values.has(key) ? { value: this.wholes.values.get(key) } : undefined),
      query: (cypher, params) => this.navigate({ mode: "console", cypher, params: JSON.stringify(params, null, 1) }),
      conflictName: (id) => this.conflicts.find((c) => c.id === id)?.name,
      refNamed: (source, key) => this.refNamed(source, key),
    };
    this.view = new GraphView($("#graph"), this.model, {
      select: (kind, id) => this.selectElement(kind, id, true),
      expand: (id) => void this.expand(id),
      more: (p) => void this.more(p),
    });
    this.wire();
  }

  activeModel(): GraphModel {
    return this.state.mode === "paths" ? this.pathModel : this.model;
  }

  // ---- navigation: every change of view goes through the URL ----

  navigate(change: Partial<ViewState>, replace = false): void {
    const next = { ...this.state, ...change, filters: { ...this.state.filters, ...(change.filters ?? {}) } };
    const url = location.pathname + encode(next);
    if (replace) history.replaceState(null, "", url);
    else if (url !== location.pathname + location.search) {
      // The entry left keeps which side tab was open (not a URL's business): Back after
      // following a fact from the Conflicts tab came back to Details.
      history.replaceState({ tab: document.body.dataset.tab ?? "details" }, "");
      history.pushState(null, "", url);
    }
    void this.apply(next);
  }

  /** Back or Forward: the view of the URL, then the side tab the entry was left on. */
  async returnTo(entry: unknown): Promise<void> {
    const tab = (entry as { tab?: string } | null)?.tab;
    await this.apply(this.fromUrl());
    if (tab === "conflicts") this.showTab("conflicts");
  }

  /**
   * The view the URL asks for. A URL that says something the page cannot show (depth=9,
   * which shows depth 1) is corrected in place to what it shows, without a history entry
   * of its own: a link copied from it afterwards says what the reader saw.
   */
  fromUrl(): ViewState {
    const fixed = corrected(location.search);
    if (fixed !== null) history.replaceState(history.state, "", location.pathname + fixed + location.hash);
    return decode(location.search);
  }

  async apply(next: ViewState): Promise<void> {
    const prev = this.state;
    this.state = next;
    this.selOf[next.mode] = next.sel;
    // The box names the entity picked in it only while that is the one shown: after Back,
    // a link or "Open as focus" it would name another (unless the reader is typing in it;
    // the focus left in it by a pick with Enter is no typing).
    const box = $("#search") as HTMLInputElement;
    if (this.searchPicked && next.entity !== this.searchPicked && (document.activeElement !== box || box.value === this.searchPickedText)) {
      this.searchBox?.clear();
      this.searchPicked = "";
    }
    this.showMode(next.mode);
    if (next.mode === "console") {
      document.title = "Cypher console · newsgraph";
      const c = await this.openConsole();
      // Only a query the URL carries (a shared link, Back to one) replaces the editor's
      // text, and only once: coming back to the console keeps what the reader typed.
      const carried = JSON.stringify([next.cypher, next.params]);
      if (next.cypher && carried !== this.consoleText) c.setText(next.cypher, next.params, true);
      this.consoleText = carried;
      return;
    }
    if (next.mode === "paths") {
      this.view.setModel(this.pathModel);
      this.fillTraceForm();
      document.title = "Trace a connection · newsgraph";
      const changed = traceKey(next) !== traceKey(prev);
      // Back from Explore or the console, the trace model still holds the paths: they are
      // drawn again, and traced again only if they are not this view's.
      if (next.pathFrom && next.pathTo && prev.mode !== "paths" && this.paths && this.traced === traceKey(next)) return this.showTraced(++this.loadSeq);
      if (next.pathFrom && next.pathTo && (changed || prev.mode !== "paths" || !this.paths)) return this.loadPaths();
      // Nothing to trace (yet): the side panels and the toolbar describe the trace's
      // graph, not what Explore left there.
      this.loadSeq++;
      this.dropStale();
      if (!next.pathFrom || !next.pathTo) {
        this.paths = null;
        this.pathModel.load(EMPTY);
      }
      this.view.setConflicted(this.conflictedIds(this.pathModel));
      this.view.render();
      this.setStatus("");
      this.renderPaths();
      this.refreshSide();
      return;
    }
    this.view.setModel(this.model);
    this.fillFilters();
    // Back from a trace or the console, the explore model still holds what the reader
    // expanded and paged: it is drawn again, and loaded only if it is not this view's.
    const reload = next.entity !== prev.entity || next.depth !== prev.depth || JSON.stringify(next.filters) !== JSON.stringify(prev.filters) || !this.model.nodes.size
      || (prev.mode !== "explore" && viewKey(next) !== this.loaded);
    if (!next.entity) return this.showWelcome();
    if (reload) await this.loadEntity();
    else if (prev.mode !== "explore") this.showExplored();
    else this.view.render();
    this.restoreSelection(reload);
  }

  showMode(mode: Mode): void {
    document.querySelectorAll<HTMLButtonElement>(".modes button").forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.mode === mode)));
    // The pane before the graph holds the trace form or the console's history; the one
    // after it the filters (explore) and the legend (not in the console).
    $("#side-top").hidden = mode === "explore";
    $("#trace").hidden = mode !== "paths";
    $("#history").hidden = mode !== "console";
    $("#side-bottom").hidden = mode === "console";
    $("#filters").hidden = mode !== "explore";
    $("#console").hidden = mode !== "console";
    $("#stage").hidden = mode === "console";
    $("#toolbar").hidden = mode === "console";
    if (mode !== "explore") $("#welcome").hidden = true;
    document.body.dataset.mode = mode;
  }

  // ---- explore ----

  showWelcome(): void {
    document.title = "newsgraph";
    this.model.load(EMPTY);
    this.loaded = "";
    this.view.render();
    this.setStatus("");
    const ents = new Map<string, GNode>();
    for (const c of this.conflicts) for (const e of c.entities) ents.set(e.key || e.id, e);
    fill($("#welcome"),
      h("h1", {}, "Explore who did what, and who says so"),
      // Another database than newsgraph's may record no sources or statuses: then the
      // page promises neither.
      h("p", {}, "Search for a person, an organisation or a fact above (press /), then expand the graph around it." +
        (this.sources.size ? " Every edge carries its sources; dashed and dotted lines are allegations, denials and disputes, not established facts." : "")),
      ents.size ? [h("p", {}, "The sources disagree about these; a good place to start:"),
        h("ul", { class: "suggestions" }, [...ents.values()].map((e) => h("li", {}, h("button", { class: "chip-button", onclick: () => this.actions.open(e.key || e.id) }, bdi(e.name)))))] : null);
    $("#welcome").hidden = false;
    fill($("#details"), h("p", { class: "muted" }, "Select a node or an edge to read its evidence."));
    $("#summary").textContent = "";
    this.updateToolbar();
    this.renderLegend();
  }

  async loadEntity(): Promise<void> {
    const seq = ++this.loadSeq;
    this.dropStale();
    const s = this.state;
    $("#welcome").hidden = true;
    this.setStatus("Loading the neighbourhood…", "loading");
    const said = this.statusSeq;
    try {
      const nb = await api.neighbourhood(s.entity, neighbourhoodParams(s) as Params);
      if (seq !== this.loadSeq) return;
      performance.mark(`ng:data:${seq}`);
      this.model.load(nb);
      this.loaded = viewKey(s);
      this.view.setConflicted(this.conflictedIds(this.model));
      this.view.render();
      this.view.relax();
      this.view.fit();
      const focus = this.model.nodes.get(this.model.focus);
      const name = nameOr(focus?.name, s.entity);
      // A name may be long (the server keeps 200 bytes of one): the tab shows its start.
      document.title = `${isolate(cut(name))} · newsgraph`;
      const nothing = this.model.rels.size === 0;
      const dated = s.filters.from || s.filters.to ? " A date filter keeps only facts with a date in range, and none here has one: clear From and To to see the rest." : "";
      // A complaint written while it loaded (a date typed into the form) stays: it is about
      // the reader's last step, and the load only replaces its own "Loading…".
      if (said === this.statusSeq) this.setStatus(nothing ? noRelationships(name, hasFilters(s.filters), dated) : "", nothing ? "empty" : "");
      // With no selection the focus is selected; a selection restoreSelection() (after
      // the load) finds or falls back from.
      if (!s.sel && focus) this.selectElement("node", focus.id, false);
      this.refreshSide();
      if (this.sideMissing) this.ready = this.loadSide();
      document.body.dataset.rendered = String(seq);
      performance.mark(`ng:drawn:${seq}`);
    } catch (err) {
      if (seq !== this.loadSeq) return;
      this.model.load(EMPTY);
      this.loaded = "";
      this.view.render();
      // Nothing is on screen: the Details panel must not go on describing the last entity.
      this.selectElement(null, "", false);
      this.refreshSide();
      const notFound = err instanceof ApiError && err.status === 404;
      this.setStatus(notFound ? `There is no entity “${isolate(cut(s.entity))}”. Try the search box.` : explain(err), "error",
        canRetry(err) ? () => void this.loadEntity() : undefined);
      if (notFound) void this.suggestFor(s.entity, seq);
    }
  }

  /**
   * Offers the best search hit for an id that named nothing: a link written by hand
   * (?entity=Scale%20AI) holds a name, not a key, and was only told to use the search box.
   */
  async suggestFor(text: string, seq: number): Promise<void> {
    // An element id (a link from before the database was loaded again) is no name.
    if (/^\d+:[\w-]+:\d+$/.test(text)) return;
    const said = this.statusSeq;
    const hit = await api.search(text.slice(0, 200), 1).then((a) => a.results[0]?.node, () => undefined);
    if (!hit || seq !== this.loadSeq || said !== this.statusSeq) return;
    $("#status").append(" Did you mean ", h("button", { class: "link", onclick: () => this.actions.open(hit.key || hit.id) }, bdi(hit.name)), "?");
  }

  /** Draws the explore model again as it was left (coming back from a trace or the console). */
  showExplored(): void {
    $("#welcome").hidden = true;
    this.view.setConflicted(this.conflictedIds(this.model));
    this.view.render({ fit: true });
    const focus = this.model.nodes.get(this.model.focus);
    const name = nameOr(focus?.name, this.state.entity);
    document.title = `${isolate(cut(name))} · newsgraph`;
    const nothing = this.model.rels.size === 0;
    this.setStatus(nothing ? noRelationships(name, hasFilters(this.state.filters), "") : "", nothing ? "empty" : "");
    if (!this.state.sel && focus) this.selectElement("node", focus.id, false);
    this.refreshSide();
  }

  conflictedIds(m: GraphModel): Set<string> {
    const ids = new Set<string>();
    for (const n of m.nodes.values()) if (this.conflictedKeys.has(n.key || n.id) || this.conflictedKeys.has(n.id)) ids.add(n.id);
    return ids;
  }

  /**
   * The one guard of Expand and paging, which grow the graph around a node on screen:
   * nothing happens if the node is not in the view or the same request (`busy`) is
   * already on its way (five fast clicks ask once), and the answer lands only if the
   * view it was asked for is still on screen, since a late answer must not merge into
   * the graph of an entity (or a trace) opened since. `apply` merges it and says what it did.
   */
  async grow<T>(nodeId: string, busy: string, loading: (n: GNode) => string, ask: (n: GNode, signal: AbortSignal) => Promise<T>, apply: (answer: T, n: GNode, m: GraphModel) => string): Promise<void> {
    const m = this.activeModel();
    const n = m.nodes.get(nodeId);
    const asked = this.inflight.get(busy);
    if (!n || (asked && asked.current())) return;
    // The model's ticket goes stale when the node is collapsed (or removed by a collapse
    // or an undo) or the graph is loaded again: a collapse supersedes the request.
    const ticket = m.ticket(nodeId);
    const seq = this.loadSeq;
    const current = () => seq === this.loadSeq && m === this.activeModel() && m.current(ticket);
    const ctrl = new AbortController();
    const mine = { current, abort: () => ctrl.abort() };
    this.inflight.set(busy, mine);
    this.setStatus(loading(n), "loading");
    try {
      const answer = await ask(n, ctrl.signal);
      if (current()) {
        const had = new Set(m.nodes.keys());
        this.afterChange(apply(answer, n, m));
        // What it brought is in view, not past the canvas's edge.
        this.view.reveal([nodeId, ...[...m.nodes.keys()].filter((id) => !had.has(id))]);
      }
    } catch (err) {
      // Neo4j away or the server out of reach: Retry asks again (a 4xx would only fail again).
      const passing = !(err instanceof ApiError) || err.status === 0 || err.status >= 500;
      if (current() && (err as Error).name !== "AbortError") this.setStatus(explain(err), "error", passing ? () => void this.grow(nodeId, busy, loading, ask, apply) : undefined);
    } finally {
      if (this.inflight.get(busy) === mine) this.inflight.delete(busy);
    }
  }

  /** Stops the requests on their way whose answers would now be dropped, and says whether there were any. */
  dropStale(): boolean {
    let dropped = false;
    for (const [busy, req] of this.inflight) {
      if (req.current()) continue;
      req.abort();
      this.inflight.delete(busy);
      dropped = true;
    }
    return dropped;
  }

  /** Adds a node's neighbours under the view's filters (Expand, E, a double click). */
  expand(nodeId: string): Promise<void> {
    // A node whose neighbourhood came capped has nothing new at depth 1: the same first
    // neighbours would come again ("has no other neighbours", beside "575 more"). Its
    // next page does.
    const left = this.activeModel().remaining(nodeId);
    if (left.length) return this.more(left[0]);
    return this.grow(nodeId, `expand:${nodeId}`, (n) => `Expanding ${isolate(cut(n.name))}…`,
      (n, signal) => api.neighbourhood(n.key || n.id, { ...neighbourhoodParams(this.state), depth: 1 } as Params, signal),
      (nb, n, m) => {
        const rels = m.rels.size;
        const added = m.merge(nodeId, nb).length;
        const more = m.rels.size - rels;
        const name = isolate(cut(n.name));
        return added ? `Added ${plural(added, "neighbour")} of ${name}.`
          : more ? `Added ${plural(more, "relationship")} between ${name} and nodes already shown.`
          : `${name} has no other neighbours to show.`;
      });
  }

  /** Loads the next page of a node's neighbours via one type and direction ("and N more"). */
  more(p: Pending): Promise<void> {
    return this.grow(p.node, "more:" + pendingKey(p.node, p.type, p.direction), (n) => pageLoading(isolate(cut(n.name)), p.type),
      (n, signal) => {
        const f = this.state.filters;
        return api.expand(n.key || n.id, {
          type: p.type, direction: p.direction, offset: p.next, limit: PAGE,
          types: f.types, labels: f.labels, status: f.status, source: f.source, from: f.from, to: f.to,
        } as Params, signal);
      },
      (page, n, m) => {
        const rels = m.rels.size;
        m.merge(p.node, page, { type: p.type, direction: p.direction, total: page.total, next: page.offset + page.limit });
        // Count relationships, not nodes: a page often links to neighbours already shown.
        const added = m.rels.size - rels;
        const left = m.remaining(p.node).find((x) => x.type === p.type && x.direction === p.direction)?.remaining ?? 0;
        return pageMessage(isolate(cut(n.name)), p.type, added, left, page.total);
      });
  }

  collapse(nodeId: string): void {
    const m = this.activeModel();
    const rels = m.rels.size;
    const removed = m.collapse(nodeId);
    const stopped = this.dropStale();
    // An expansion that only linked nodes already shown is collapsed too: its links go.
    const unlinked = rels - m.rels.size;
    this.afterChange(removed ? `Collapsed ${plural(removed, "node")}.` : unlinked ? `Collapsed ${plural(unlinked, "relationship")} its expansion added.`
      : stopped ? "Stopped loading its neighbours." : "Nothing to collapse: this node was not expanded.");
  }

  undo(): void {
    const m = this.activeModel();
    const undone = m.undo();
    this.dropStale();
    this.afterChange(undone ? "Undone." : "Nothing to undo.");
  }

  afterChange(msg: string): void {
    if (this.highlighted >= 0) this.highlightPath(-1);
    this.view.setConflicted(this.conflictedIds(this.activeModel()));
    this.view.render();
    this.setStatus(msg);
    this.refreshSide();
    this.restoreSelection();
  }

  // ---- selection and the evidence panel ----

  selectElement(kind: "node" | "rel" | null, id: string, push: boolean): void {
    const m = this.activeModel();
    if (!kind && this.highlighted >= 0) this.highlightPath(-1);
    let sel = "";
    if (kind === "node" && m.nodes.has(id)) sel = "n:" + m.urlKey("node", id);
    if (kind === "rel" && m.rels.has(id)) sel = "r:" + m.urlKey("rel", id);
    if (push) this.selOf[this.state.mode] = sel;
    if (push && sel !== this.state.sel) {
      this.state = { ...this.state, sel };
      history.replaceState(null, "", location.pathname + encode(this.state));
    }
    this.view.select(kind ? id : "");
    this.showDetails(kind, id);
    this.cueDetails(push && kind ? (kind === "node" ? m.nodes.get(id)?.name : m.rels.get(id)?.type) : undefined);
    this.updateToolbar();
    if (this.listOn) this.renderList();
  }

  /**
   * On a narrow screen the details come below the graph, out of sight: a node tapped on
   * a phone changed nothing that the reader could see. A button at the foot of the
   * screen names what the details now show and scrolls to them; it goes once they are
   * in sight. No name hides it.
   */
  cueDetails(name: string | undefined): void {
    const cue = $("#details-cue") as HTMLButtonElement;
    if (this.cueWatch) window.removeEventListener("scroll", this.cueWatch);
    this.cueWatch = undefined;
    const right = document.querySelector<HTMLElement>(".right");
    // Out of sight: the panel's heading (the tabs may show at the foot of the screen).
    const heading = () => document.querySelector<HTMLElement>("#details h2") ?? $("#details");
    const below = () => heading().getBoundingClientRect().bottom > window.innerHeight;
    if (!name || this.state.mode === "console" || !window.matchMedia("(max-width: 1000px)").matches || !below()) {
      cue.hidden = true;
      return;
    }
    cue.textContent = `Details: ${cut(name, 40)} ↓`;
    cue.hidden = false;
    cue.onclick = () => {
      cue.hidden = true;
      right?.scrollIntoView({ block: "start" });
    };
    this.cueWatch = () => {
      if (!below()) this.cueDetails(undefined);
    };
    window.addEventListener("scroll", this.cueWatch, { passive: true });
  }

  /**
   * Selects what the URL names; after a load, says so when it is not in the view. What
   * is not on screen falls back to the focus (or to nothing), so the Details panel never
   * goes on describing an element the graph no longer shows.
   */
  restoreSelection(loaded = false): void {
    const m = this.activeModel();
    const sel = this.state.sel;
    if (!sel) return;
    const kind = sel.startsWith("n:") ? "node" : "rel";
    const el = m.byKey(kind, sel.slice(2));
    if (el) return this.selectElement(kind, el.id, false);
    // The URL keeps the selection, so loosening the filters again brings it back.
    const focus = m.nodes.get(m.focus);
    this.selectElement(focus ? "node" : null, focus?.id ?? "", false);
    if (loaded && m.nodes.size && $("#status").hidden) {
      this.setStatus(`The selected ${kind === "node" ? "node" : "fact"} is not in this view: the filters or the depth leave it out.`, "empty");
    }
  }

  /** A conflict's fact: selected where it is on screen, else its start opened with it selected. */
  showFact(r: GRel, start: GNode): void {
    // Selecting it shows the Details tab; the tab open until then stays the one the
    // entry left behind remembers, for Back.
    if (this.state.mode !== "console" && this.activeModel().rels.has(r.id)) return this.selectElement("rel", r.id, true);
    this.navigate({ mode: "explore", entity: start.key || start.id, sel: "r:" + (r.key || r.id) });
  }

  /**
   * A mention's fact that is not on screen: a relationship, found in the graph of the
   * source reporting it, opens at its start with it selected (as a conflict's fact does);
   * a key that names no relationship there names a node (a Fact), which opens as the focus.
   */
  async showRef(key: string, source?: string): Promise<void> {
    if (!source) return this.actions.open(key);
    let found: ReturnType<typeof factIn>;
    try {
      found = factIn(await this.sourceGraph(source), key);
    } catch (err) {
      return this.setStatus(`Could not look up the fact “${isolate(cut(key))}”: ${explain(err)}`, "error", () => void this.showRef(key, source));
    }
    if (found) return this.showFact(found.rel, found.start);
    this.actions.open(key);
  }

  showConflict(id: string): void {
    this.showTab("conflicts");
    const el = document.querySelector<HTMLElement>(`#conflicts [data-conflict="${CSS.escape(id)}"]`);
    el?.scrollIntoView({ block: "start" });
    el?.focus();
  }

  selectedId(): string {
    return this.view.cy.$(":selected").first().id() ?? "";
  }

  async showDetails(kind: "node" | "rel" | null, id: string): Promise<void> {
    const seq = ++this.detailsSeq;
    if (this.wholes.node !== id) this.wholes = { node: id, values: new Map() };
    const m = this.activeModel();
    this.showTab("details");
    if (kind === "rel" && m.rels.has(id)) return fill($("#details"), relPanel(m.rels.get(id)!, m, this.sources, this.actions));
    const n = kind === "node" ? m.nodes.get(id) : undefined;
    // Nothing selected in a trace: its paths and their hops, as the trace first showed them.
    if (!n && this.state.mode === "paths") return this.renderPaths();
    if (!n) return fill($("#details"), h("p", { class: "muted" }, "Select a node or an edge to read its evidence."));
    fill($("#details"), nodePanel(n, null, m, this.sources, this.actions));
    let detail: EntityDetail | null = null;
    try {
      detail = await api.entity(n.key || n.id);
    } catch (err) {
      // The panel already shows what the graph knows; it says what is missing and why
      // (Neo4j away), which it left out before, with a way to ask again.
      if (seq === this.detailsSeq && this.selectedId() === id && (err as Error).name !== "AbortError") {
        $("#details").append(h("p", { class: "error details-missing" }, "Its relationship counts, sources and conflicts could not be loaded: ", explain(err), " ",
          h("button", { class: "small", onclick: () => void this.showDetails(kind, id) }, "Retry")));
      }
      return;
    }
    if (seq === this.detailsSeq && this.selectedId() === id) fill($("#details"), nodePanel(n, detail, m, this.sources, this.actions));
  }

  /**
   * The graphs of the sources whose facts mentions name (GET /api/sources/{id}), by
   * source key: asked once, by the first panel that names one of their facts or the
   * first click on one, and again after a failure.
   */
  sourceGraphs = new Map<string, { graph?: Graph; loading: Promise<Graph> }>();

  sourceGraph(source: string): Promise<Graph> {
    const had = this.sourceGraphs.get(source);
    if (had) return had.loading;
    const entry: { graph?: Graph; loading: Promise<Graph> } = {
      loading: api.source(source).then(({ graph }) => (entry.graph = graph), (err) => {
        this.sourceGraphs.delete(source);
        throw err;
      }),
    };
    this.sourceGraphs.set(source, entry);
    return entry.loading;
  }

  /**
   * PanelActions.refNamed: a fact key of a mention, named from its source's graph. Until
   * that is in, undefined; the first call asks for it and draws the Details panel again
   * once it is in, if the panel still shows the same element.
   */
  refNamed(source: string, key: string): { start: string; type: string; end: string } | { name: string } | undefined {
    const had = this.sourceGraphs.get(source);
    if (!had) {
      const id = this.selectedId();
      this.sourceGraph(source).then(() => {
        const el = this.view.cy.getElementById(id);
        if (id && this.selectedId() === id && !$("#details").hidden && !el.empty()) void this.showDetails(el.isNode() ? "node" : "rel", id);
      }, () => undefined);
      return undefined;
    }
    if (!had.graph) return undefined;
    const fact = factIn(had.graph, key);
    if (fact) return { start: fact.start.name, type: fact.rel.type, end: fact.end?.name ?? fact.rel.end };
    const node = had.graph.nodes.find((n) => n.key === key);
    return node ? { name: node.name } : undefined;
  }

  showTab(which: "details" | "conflicts"): void {
    $("#details").hidden = which !== "details";
    $("#conflicts").hidden = which !== "conflicts";
    $("#tab-details").setAttribute("aria-selected", String(which === "details"));
    $("#tab-conflicts").setAttribute("aria-selected", String(which === "conflicts"));
    // One tab stop for the tab list, the selected tab's; the arrow keys move between them.
    $("#tab-details").tabIndex = which === "details" ? 0 : -1;
    $("#tab-conflicts").tabIndex = which === "conflicts" ? 0 : -1;
    document.body.dataset.tab = which;
  }

  updateToolbar(): void {
    const m = this.activeModel();
    const id = this.selectedId();
    ($("#btn-expand") as HTMLButtonElement).disabled = !m.nodes.has(id);
    ($("#btn-collapse") as HTMLButtonElement).disabled = !m.canCollapse(id);
    ($("#btn-undo") as HTMLButtonElement).disabled = !m.canUndo;
    const more = remainingTotal(m.remaining());
    $("#summary").textContent = `${plural(m.nodes.size, "node")} · ${plural(m.rels.size, "relationship")}` + (more ? ` · ${more} more to page` : "");
  }

  refreshSide(): void {
    this.updateToolbar();
    this.renderLegend();
    if (this.listOn) this.renderList();
  }

  /**
   * Draws the list view again, keeping the reader's place: the button that had the focus
   * (by what it is for, since the rows are new elements) or else the list itself.
   */
  renderList(): void {
    const list = $("#list");
    const had = list.contains(document.activeElement) ? (document.activeElement as HTMLElement) : null;
    const scroll = list.scrollTop;
    fill(list, listView(this.activeModel(), this.actions, this.selectedId()));
    list.scrollTop = scroll;
    if (!had) return;
    const same = had.dataset.focus ? list.querySelector<HTMLElement>(`[data-focus="${CSS.escape(had.dataset.focus)}"]`) : null;
    (same ?? list).focus();
  }

  // ---- side panels: filters, legend, conflicts, trace ----

  /** The sources once each (the map holds every source under its key and its id). */
  sourceList(): Source[] {
    return [...new Set(this.sources.values())];
  }

  /**
   * Shows the view's filters in the form. The form is built again only when what it
   * offers changes (the schema, the sources); otherwise only the values are set, so the
   * field being typed in keeps its focus and its text.
   */
  fillFilters(): void {
    const form = $("#filters") as HTMLFormElement;
    const types = this.schema?.relationship_types ?? [];
    const labels = this.schema?.labels ?? [];
    const sources = this.sourceList();
    // A database none of whose relationships has a status (another one than newsgraph's):
    // the status filters, which are strict, could only hide every relationship.
    const statusless = !!this.schema && !this.schema.property_keys.includes("status");
    const shape = JSON.stringify([types, labels, sources.map((src) => [src.key || src.id, src.title || src.name]), statusless]);
    if (form.dataset.shape !== shape) {
      form.dataset.shape = shape;
      this.buildFilters(form, types, labels, sources, statusless);
    }
    this.syncFilters(form);
  }

  buildFilters(form: HTMLFormElement, types: Schema["relationship_types"], labels: Schema["labels"], sources: Source[], statusless = false): void {
    const check = (name: string, value: string, label: string | (string | Node)[], extra?: Node) =>
      h("label", { class: "check" }, h("input", { type: "checkbox", name, value }), extra ?? null, " ", label);
    const date = (name: string, label: string) =>
      h("label", {}, label + " ", h("input", { name, placeholder: "YYYY-MM-DD", size: 10, "aria-label": `${label} date`, title: "A year, a year-month or a full date: 2025, 2025-06 or 2025-06-13" }));
    fill(form,
      h("h2", {}, "Filters"),
      h("label", { class: "row" }, "Depth ", h("select", { name: "depth", "aria-label": "Depth" }, [1, 2, 3].map((d) => h("option", { value: d }, String(d))))),
      h("fieldset", statusless ? { disabled: true, "data-filter": "status" } : { "data-filter": "status" }, h("legend", {}, "Status"),
        statusless ? h("p", { class: "muted" }, "No relationship in this database has a status, so these would hide every one.") : null,
        STATUSES.map((st) => check("status", st, st, h("span", { class: `line-sample st-${st}` }))),
        h("button", { type: "button", class: "small", id: "only-reported", onclick: () => {
          const f = this.state.filters;
          this.navigate({ filters: { ...f, status: onlyReported(f.status) ? [] : ["reported"] } });
        } })),
      types.length ? h("fieldset", { class: "scroll", "data-filter": "types" }, h("legend", {}, "Relationship types ", h("span", { class: "muted" }, "(none ticked: all; counts are the whole database's)")),
        types.map((t) => check("types", t.name, [bdi(t.name), ` (${t.count})`]))) : null,
      labels.length ? h("fieldset", { class: "scroll", "data-filter": "labels" }, h("legend", {}, "Neighbour labels ", h("span", { class: "muted" }, "(none ticked: all; counts are the whole database's)")),
        labels.map((l) => check("labels", l.name, [bdi(l.name), ` (${l.count})`]))) : null,
      h("label", { class: "row" }, "Source ", h("select", { name: "source", "aria-label": "Source" }, h("option", { value: "" }, "any source"),
        sources.map((src) => h("option", { value: src.key || src.id }, src.title || src.name)))),
      h("div", { class: "row dates" }, date("from", "From"), date("to", "To")),
      h("div", { class: "row" }, h("button", { type: "button", class: "small", onclick: () => this.clearFilters() }, "Clear filters")),
    );
  }

  /**
   * Clears the filters. A complaint about the form (a bad date) goes with them, also
   * when the view does not change and so nothing else would replace it.
   */
  clearFilters(): void {
    if ($("#status").className === "error") this.setStatus("");
    this.navigate({ filters: emptyFilters() });
  }

  /** Sets the form's values from the view, leaving alone a date field being typed in. */
  syncFilters(form: HTMLFormElement): void {
    const s = this.state;
    const f = s.filters;
    const field = (name: string) => form.elements.namedItem(name);
    (field("depth") as HTMLSelectElement).value = String(s.depth);
    // A type or label the view filters by and the database lacks (a link from another
    // database, a typo): shown ticked, at the top of its list, or the view would say no
    // relationship matches the filters while none shows ticked. Unticked, it goes.
    for (const name of ["types", "labels"] as const) {
      const list = form.querySelector(`fieldset[data-filter=${name}]`);
      const boxes = [...form.querySelectorAll<HTMLInputElement>(`input[name=${name}]`)];
      for (const c of boxes) if (c.dataset.unknown && !f[name].includes(c.value)) c.closest("label")!.remove();
      for (const v of f[name]) {
        if (!list || boxes.some((c) => c.value === v)) continue;
        list.querySelector("legend")!.after(h("label", { class: "check" },
          h("input", { type: "checkbox", name, value: v, "data-unknown": "1" }), " ", bdi(v), h("span", { class: "muted" }, " (none in this database)")));
      }
    }
    form.querySelectorAll<HTMLInputElement>("input[type=checkbox]").forEach((c) => {
      const on = c.name === "status" ? !f.status.length || f.status.includes(c.value) : (f[c.name as "types" | "labels"] ?? []).includes(c.value);
      c.checked = on;
    });
    const source = field("source") as HTMLSelectElement;
    // A source the list does not offer (an old link) still shows as chosen.
    if (f.source && ![...source.options].some((o) => o.value === f.source)) source.append(h("option", { value: f.source }, f.source));
    source.value = f.source;
    for (const name of ["from", "to"] as const) {
      const input = field(name) as HTMLInputElement;
      if (document.activeElement !== input || validDate(input.value.trim())) input.value = f[name];
    }
    $("#only-reported").textContent = onlyReported(f.status) ? "Show allegations again" : "Hide allegations";
  }

  readFilters(e?: Event): void {
    const form = $("#filters") as HTMLFormElement;
    const data = new FormData(form);
    const status = data.getAll("status").map(String);
    // No status ticked would mean "any status" to the API: keep the last one ticked
    // rather than silently showing everything.
    const t = e?.target as HTMLInputElement | undefined;
    if (!status.length) {
      if (t?.name === "status") t.checked = true;
      return this.setStatus("Keep at least one status ticked: tick another before unticking this one.", "error");
    }
    const from = String(data.get("from") ?? "").trim(), to = String(data.get("to") ?? "").trim();
    const wrong = dateProblem("From", from) || dateProblem("To", to);
    if (wrong) return this.setStatus(wrong, "error");
    // Compare as far as both go: From 2025-06 to 2025 is a fine range, From 2026 to 2025 is not.
    const n = Math.min(from.length, to.length);
    if (from && to && from.slice(0, n) > to.slice(0, n)) return this.setStatus(`From (${from}) is later than To (${to}): nothing can fall between them.`, "error");
    this.navigate({
      depth: Number(data.get("depth")) || 1,
      filters: {
        status: status.length === STATUSES.length ? [] : status,
        types: data.getAll("types").map(String),
        labels: data.getAll("labels").map(String),
        source: String(data.get("source") ?? ""),
        from, to,
      },
    });
  }

  renderLegend(): void {
    const m = this.activeModel();
    const labels = new Set<string>();
    // Each type shown, and whether all of it is provenance (drawn thin and grey, as the
    // swatch then is, not in the type's colour).
    const types = new Map<string, boolean>();
    for (const n of m.nodes.values()) labels.add(mainLabel(n));
    for (const r of m.rels.values()) types.set(r.type, (types.get(r.type) ?? true) && isProvenance(r, m.nodes.get(r.start)));
    fill($("#legend"),
      h("h2", {}, "Legend"),
      h("ul", { class: "legend" },
        [...labels].sort().map((l) => h("li", {}, h("span", { class: `swatch shape-${labelStyle(l).shape}`, style: `background:${labelStyle(l).color}` }), bdi(l))),
        [...types].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([t, provenance]) => provenance
          ? h("li", {}, h("span", { class: "edge-swatch provenance" }), bdi(t), h("span", { class: "muted" }, " (provenance)"))
          : h("li", {}, h("span", { class: "edge-swatch", style: `border-color:${typeColor(t)}` }), bdi(t)))),
      h("ul", { class: "legend" },
        h("li", { class: "muted" }, "A fact that is not reported takes its status's line and colour:"),
        Object.entries(STATUS_STYLE).map(([st, v]) => h("li", {}, h("span", { class: `line-sample st-${st}` }), v.text)),
        h("li", {}, h("span", { class: "swatch conflict-ring" }), "⚠ the sources conflict about it")),
    );
  }

  renderConflicts(): void {
    $("#conflict-count").textContent = this.conflicts.length ? String(this.conflicts.length) : "";
    const failure = this.conflictsFailure !== null && !this.conflicts.length
      ? { why: explain(this.conflictsFailure), retry: () => { this.ready = this.loadSide(); } } : undefined;
    fill($("#conflicts"), conflictsPanel(this.conflicts, this.actions, failure));
  }

  fillTraceForm(): void {
    const form = $("#trace") as HTMLFormElement;
    if (!form.dataset.ready) this.buildTraceForm(form);
    // The options follow the URL (a shared link, Back); the two ends keep what is typed.
    const s = this.state;
    (form.elements.namedItem("max_length") as HTMLSelectElement).value = String(s.hops);
    (form.elements.namedItem("mode") as HTMLSelectElement).value = s.pathMode;
    (form.elements.namedItem("established_only") as HTMLInputElement).checked = s.established;
    for (const [input, key] of this.traceEnds()) if (key && input.dataset.key !== key) this.nameEnd(input, key);
  }

  /**
   * Names a trace end in its field: by what the page has loaded, else by asking the API
   * (a link carries keys only, and one with a single end traces nothing that would name
   * it: its field showed the raw key "meta"). The field shows the key until the name comes.
   */
  nameEnd(input: HTMLInputElement, key: string, current: () => boolean = () => true): void {
    // Another end than the field held: its text goes (it named that one).
    if (input.dataset.key !== key) input.value = "";
    input.dataset.key = key;
    const name = this.nameOf(key);
    if (name !== key) {
      input.value = name;
      return;
    }
    input.value ||= key;
    // Typing in the field or another end since drops the answer (the field's key changed).
    void api.entity(key).then((d) => {
      if (input.dataset.key !== key || !current()) return;
      input.value = d.node.name;
      this.titleTrace();
    }, () => undefined);
  }

  /** The tab's title of a trace made: its two ends by name (until one is traced it says what the page is for). */
  titleTrace(): void {
    const s = this.state;
    if (s.mode !== "paths" || !this.paths || this.traced !== traceKey(s)) return;
    const names = this.traceEnds().map(([input, key]) => (input.dataset.key === key && input.value.trim() ? input.value.trim() : this.nameOf(key)));
    document.title = traceTitle(names[0], names[1]);
  }

  /** The trace form's two end fields, each with the key the view traces from or to. */
  traceEnds(): [HTMLInputElement, string][] {
    return [[$("#trace-from") as HTMLInputElement, this.state.pathFrom], [$("#trace-to") as HTMLInputElement, this.state.pathTo]];
  }

  /** A node's name from what the page has loaded, else its key (until the trace names it). */
  nameOf(key: string): string {
    return (this.pathModel.byKey("node", key) ?? this.model.byKey("node", key))?.name ?? key;
  }

  buildTraceForm(form: HTMLFormElement): void {
    form.dataset.ready = "1";
    const from = h("input", { id: "trace-from", placeholder: "an entity…" }) as HTMLInputElement;
    const to = h("input", { id: "trace-to", placeholder: "another entity…" }) as HTMLInputElement;
    // Labels that stay: a placeholder alone goes once the field is filled (a pick, a
    // link), and then nothing said which end was which.
    fill(form,
      h("h2", {}, "How is A connected to B?"),
      h("div", { class: "ac end" }, h("label", { for: "trace-from" }, "From"), from),
      h("div", { class: "ac end" }, h("label", { for: "trace-to" }, "To"), to),
      h("label", { class: "row" }, "Up to ", h("select", { name: "max_length" }, Array.from({ length: MAX_HOPS }, (_, i) => h("option", { value: i + 1 }, String(i + 1)))), " hops"),
      h("label", { class: "row" }, h("select", { name: "mode", "aria-label": "Which paths" }, h("option", { value: "shortest" }, "the shortest path"), h("option", { value: "all" }, "all shortest paths"))),
      h("label", { class: "check" }, h("input", { type: "checkbox", name: "established_only" }), " established facts only (no allegations)"),
      h("button", { type: "submit", id: "trace-go" }, "Trace"),
    );
    // Each end holds its pick's key (typing clears it); a field holding its pick leaves
    // Enter to the form: it traces.
    for (const end of [from, to]) {
      autocomplete(end, (n) => (end.dataset.key = n.key || n.id), () => !!end.dataset.key);
      end.addEventListener("input", () => delete end.dataset.key);
    }
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      void this.submitTrace(form, from, to);
    });
  }

  async submitTrace(form: HTMLFormElement, from: HTMLInputElement, to: HTMLInputElement): Promise<void> {
    if (!from.value.trim() || !to.value.trim()) return this.setStatus("Pick both ends of the path.", "error");
    // Typed text that was not picked from the list is looked up, never sent as an id.
    const a = await this.resolveEnd(from), b = await this.resolveEnd(to);
    if (!a || !b) return;
    if (a === b) {
      to.focus();
      return this.setStatus(`Both ends are ${isolate(cut(from.value.trim()))}: pick two different entities to trace between.`, "error");
    }
    const data = new FormData(form);
    this.paths = null;
    this.navigate({
      mode: "paths", pathFrom: a, pathTo: b, sel: "",
      hops: Number(data.get("max_length")) || DEFAULT_HOPS,
      pathMode: data.get("mode") === "all" ? "all" : "shortest",
      established: !!data.get("established_only"),
    });
  }

  /**
   * The key of a trace end: the picked node, or the one search result whose name (or an
   * alias) is what was typed, or the only result. Otherwise it says to pick, and returns "".
   */
  async resolveEnd(input: HTMLInputElement): Promise<string> {
    if (input.dataset.key) return input.dataset.key;
    const text = input.value.trim();
    let results: GNode[];
    try {
      results = (await api.search(text, 8)).results.map((r) => r.node);
    } catch (err) {
      this.setStatus(explain(err), "error");
      return "";
    }
    const same = (v: unknown) => typeof v === "string" && v.toLowerCase() === text.toLowerCase();
    const exact = results.filter((n) => same(n.name) || same(n.key) || (Array.isArray(n.properties.aliases) && n.properties.aliases.some(same)));
    const hit = exact.length === 1 ? exact[0] : results.length === 1 ? results[0] : undefined;
    if (hit) {
      input.value = hit.name;
      input.dataset.key = hit.key || hit.id;
      return input.dataset.key;
    }
    this.setStatus(results.length
      ? `“${isolate(text)}” matches ${plural(results.length, "entry")}${results.length === 8 ? " or more" : ""} (${results.slice(0, 3).map((n) => isolate(cut(n.name))).join("; ")}${results.length > 3 ? "; …" : ""}): pick one from the list.`
      : `Nothing matches “${isolate(text)}”. Try another name.`, "error");
    input.focus();
    input.dispatchEvent(new Event("input"));
    return "";
  }

  async loadPaths(): Promise<void> {
    const seq = ++this.loadSeq;
    this.dropStale();
    const s = this.state;
    this.setStatus("Tracing…", "loading");
    try {
      const ans = await api.paths({ from: s.pathFrom, to: s.pathTo, max_length: String(s.hops), mode: s.pathMode, established_only: s.established ? "true" : "" });
      if (seq !== this.loadSeq) return;
      this.paths = ans;
      this.traced = traceKey(s);
      const g = ans.graph;
      const first = ans.paths[0];
      this.pathModel.load({ ...g, focus: first?.nodes[0] ?? "" });
      // Lay the paths out left to right, one row per path, so each hop reads in order.
      const pos = new Map<string, { x: number; y: number }>();
      ans.paths.forEach((p, row) => p.nodes.forEach((id, col) => { if (!pos.has(id)) pos.set(id, { x: col * 220, y: row * 130 }); }));
      const fallback = ringLayout(this.pathModel.focus, [...this.pathModel.nodes.keys()], g.relationships);
      for (const id of this.pathModel.nodes.keys()) this.pathModel.pos.set(id, pos.get(id) ?? fallback.get(id) ?? { x: 0, y: 0 });
      this.showTraced(seq);
      if (this.sideMissing) this.ready = this.loadSide();
    } catch (err) {
      if (seq !== this.loadSeq) return;
      this.paths = null;
      this.traced = "";
      this.pathModel.load(EMPTY);
      this.view.render();
      this.renderPaths();
      this.refreshSide();
      const status = err instanceof ApiError ? err.status : 0;
      // A shared link naming one entity at both ends reads as the form says it.
      const msg = status === 404 ? `${explain(err)} Pick both ends from the list.`
        : status === 400 && s.pathFrom === s.pathTo ? "Both ends of this trace are the same entity: pick two different entities to trace between." : explain(err);
      this.setStatus(msg, "error", canRetry(err) ? () => void this.loadPaths() : undefined);
      // A link's ends are keys: the form names them also when the trace failed.
      this.nameTraceEnds(seq);
    }
  }

  /**
   * Draws the trace model and says what it holds: after a trace, and coming back to a
   * trace already made, as it was left. seq is the load it belongs to (the trace's, or a
   * new one when coming back, so that answers of loads begun before are dropped).
   */
  showTraced(seq: number): void {
    const ans = this.paths!;
    this.highlightPath(-1);
    const first = ans.paths[0];
    this.view.setConflicted(this.conflictedIds(this.pathModel));
    this.view.render({ fit: true });
    const names = (id: string) => isolate(cut(this.pathModel.nodes.get(id)?.name ?? id));
    this.setStatus(ans.paths.length ? `${plural(ans.paths.length, "path")} from ${names(first!.nodes[0])} to ${names(first!.nodes[first!.nodes.length - 1])}.` : noPath(this.state), ans.paths.length ? "" : "empty");
    this.nameTraceEnds(seq);
    this.renderPaths();
    this.refreshSide();
    document.body.dataset.rendered = "paths";
  }

  /** Shows the two ends by name (a shared link carries only their keys), and names them in the tab's title. */
  nameTraceEnds(seq: number): void {
    for (const [input, key] of this.traceEnds()) this.nameEnd(input, key, () => seq === this.loadSeq);
    this.titleTrace();
  }

  /**
   * Highlights path i of the trace (the rest dimmed), or none for -1. Pressed again, Esc,
   * a click on the background, an expansion or a new trace clear it: once on, nothing
   * took it off, and an expansion's new nodes stood bright among the dimmed.
   */
  highlightPath(i: number): void {
    const p = i >= 0 ? this.paths?.paths[i] : undefined;
    this.highlighted = p ? i : -1;
    this.view.highlight(p ? new Set([...p.nodes, ...p.relationships]) : new Set());
    document.querySelectorAll<HTMLButtonElement>("#details .path > button").forEach((b, k) => b.setAttribute("aria-pressed", String(k === this.highlighted)));
  }

  renderPaths(): void {
    const ans = this.paths;
    this.showTab("details");
    if (!ans) return fill($("#details"), h("p", { class: "muted" }, "Pick two entities in the form and press Trace: the paths between them and each hop's evidence show here."));
    const m = this.pathModel;
    fill($("#details"),
      h("h2", {}, "Paths"),
      ans.paths.length ? h("ol", { class: "paths" }, ans.paths.map((p, i) =>
        h("li", { class: "path" },
          h("button", { class: "small", "aria-pressed": String(this.highlighted === i), onclick: () => this.highlightPath(this.highlighted === i ? -1 : i) }, `Highlight path ${i + 1}`),
          h("ol", { class: "hops" }, p.relationships.map((rid, k) => {
            const r = m.rels.get(rid);
            const a = m.nodes.get(p.nodes[k]), b = m.nodes.get(p.nodes[k + 1]);
            if (!r) return null;
            const forward = r.start === p.nodes[k];
            return h("li", { class: "hop" },
              h("div", {}, hop(h("strong", {}, bdi(a?.name ?? "?")), r.type, h("strong", {}, bdi(b?.name ?? "?")), forward), " ", statusMark(r, m.nodes.get(r.start))),
              relEvidence(r, m.nodes.get(r.start), m.nodes.get(r.end), this.sources));
          }))))) : h("p", { class: "muted" }, "No path."));
  }

  // ---- console (lazy) ----

  openConsole(): Promise<ConsoleHandle> {
    if (this.console) return Promise.resolve(this.console);
    if (!this.consoleLoading) {
      this.setStatus("Loading the Cypher console…", "loading");
      this.consoleLoading = Promise.all([import("./console/console"), this.ready]).then(([mod]) => {
        this.console = mod.mountConsole($("#console"), $("#history"), {
          theme: document.documentElement.dataset.theme ?? "light",
          schema: this.schema,
          onShare: (q, params) => {
            this.state = { ...this.state, cypher: q, params };
            this.consoleText = JSON.stringify([q, params]);
            const url = location.origin + location.pathname + encode({ ...this.state, mode: "console" });
            history.replaceState(null, "", url);
            return url;
          },
          sources: this.sources,
        });
        this.setStatus("");
        return this.console;
      });
    }
    return this.consoleLoading;
  }

  // ---- status line, exports, theme, keyboard ----

  setStatus(msg: string, kind: "" | "loading" | "error" | "empty" = "", retry?: () => void): void {
    this.statusSeq++;
    const el = $("#status");
    el.className = kind;
    fill(el, isolated(msg), retry ? [" ", h("button", { class: "small", onclick: retry }, "Retry")] : null);
    el.hidden = !msg;
  }

  async export(kind: string): Promise<void> {
    if (this.state.mode === "console") return this.exportConsole(kind);
    const bg = getComputedStyle(document.body).backgroundColor;
    const name = this.state.mode === "paths" ? `trace-${this.state.pathFrom}-${this.state.pathTo}` : this.state.entity || "explore";
    const g = this.activeModel().toGraph();
    if (!g.nodes.length) return this.setStatus("There is nothing on screen to export yet.", "error");
    if (kind === "json") return download(`newsgraph-${name}.json`, new Blob([toJSON(g)], { type: "application/json" }));
    if (kind === "csv") return download(`newsgraph-${name}.csv`, new Blob([toCSV(g)], { type: "text/csv" }));
    if (kind === "png") return download(`newsgraph-${name}.png`, this.view.png(bg));
    if (kind === "svg") {
      const { svgOf } = await import("./svg");
      download(`newsgraph-${name}.svg`, new Blob([svgOf(this.view.cy, bg)], { type: "image/svg+xml" }));
    }
  }

  /**
   * The console exports its last result under its own name (the explored entity in the
   * URL has nothing to do with it): pictures of its graph; as CSV its table, every
   * returned column, as the Table tab shows it (a graph's CSV dropped the columns that
   * are no nodes); as JSON its columns, rows and graph.
   */
  async exportConsole(kind: string): Promise<void> {
    const c = this.console;
    if (!c) return;
    const bg = getComputedStyle(document.body).backgroundColor;
    const g = c.graph();
    const table = c.table();
    if (!table) return c.say("Run a query first: the export saves its result.");
    const name = "newsgraph-cypher";
    if (kind === "json") return download(`${name}.json`, new Blob([JSON.stringify({ columns: table.columns, rows: table.rows, graph: g }, null, 2)], { type: "application/json" }));
    if (kind === "csv") {
      const { rowsCSV } = await import("./console/cells");
      return download(`${name}.csv`, new Blob([rowsCSV(table.columns, table.rows, table.names)], { type: "text/csv" }));
    }
    if (!g.nodes.length) return c.say("This result has no nodes to draw, so there is no picture to save: export it as CSV or JSON.");
    if (kind === "png") {
      const blob = c.png(bg);
      if (blob) download(`${name}.png`, blob);
    } else if (kind === "svg") {
      const svg = await c.svg(bg);
      if (svg) download(`${name}.svg`, new Blob([svg], { type: "image/svg+xml" }));
    }
  }

  toggleTheme(): void {
    const t = document.documentElement.dataset.theme === "dark" ? "light" : "dark";
    document.documentElement.dataset.theme = t;
    try {
      localStorage.setItem("newsgraph.theme", t);
    } catch {
      /* private mode: the theme just is not remembered */
    }
    this.view.restyle();
    this.console?.setTheme(t);
  }

  toggleList(on = !this.listOn): void {
    const had = $("#list").contains(document.activeElement);
    this.listOn = on;
    $("#list").hidden = !on;
    $("#graph").hidden = on;
    $("#btn-list").setAttribute("aria-pressed", String(on));
    // The list view has the stage to itself, the status line above it, not over it.
    $("#stage").classList.toggle("listing", on);
    if (on) {
      this.renderList();
      $("#list").focus();
    } else {
      this.view.cy.resize();
      // The focus was in the list, now hidden: it goes to the button that brings it back.
      if (had) $("#btn-list").focus();
    }
  }

  wire(): void {
    const search = $("#search") as HTMLInputElement;
    this.searchBox = autocomplete(search, (n) => {
      this.searchPicked = n.key || n.id;
      this.searchPickedText = search.value;
      this.actions.open(this.searchPicked);
    });
    // Each mode comes back with its own selection: a node picked in a trace is not
    // Explore's (it replaced it, and a reload then said it was not in the view).
    document.querySelectorAll<HTMLButtonElement>(".modes button").forEach((b) =>
      b.addEventListener("click", () => {
        const mode = b.dataset.mode as Mode;
        this.navigate({ mode, sel: mode === this.state.mode ? this.state.sel : this.selOf[mode] });
      }));
    $("#filters").addEventListener("change", (e) => this.readFilters(e));
    $("#filters").addEventListener("submit", (e) => (e.preventDefault(), this.readFilters()));
    $("#btn-expand").addEventListener("click", () => this.selectedId() && void this.expand(this.selectedId()));
    $("#btn-collapse").addEventListener("click", () => this.selectedId() && this.collapse(this.selectedId()));
    $("#btn-undo").addEventListener("click", () => this.undo());
    $("#btn-fit").addEventListener("click", () => this.view.fit());
    $("#btn-list").addEventListener("click", () => this.toggleList());
    $("#theme").addEventListener("click", () => this.toggleTheme());
    // The skip link leads to the list view, which is hidden until it is switched on.
    $(".skip").addEventListener("click", (e) => {
      e.preventDefault();
      if (this.state.mode === "console") return this.console?.focus();
      this.toggleList(true);
    });
    $("#tab-details").addEventListener("click", () => this.showTab("details"));
    $("#tab-conflicts").addEventListener("click", () => this.showTab("conflicts"));
    // The tab list's keys (WAI-ARIA's tabs pattern): the arrows, Home and End select and focus.
    $(".tabs[role=tablist]").addEventListener("keydown", (e) => {
      const order = ["details", "conflicts"] as const;
      const at = order.indexOf(document.body.dataset.tab === "conflicts" ? "conflicts" : "details");
      const to = e.key === "ArrowRight" ? (at + 1) % 2 : e.key === "ArrowLeft" ? (at + 1) % 2 : e.key === "Home" ? 0 : e.key === "End" ? 1 : -1;
      if (to < 0) return;
      e.preventDefault();
      this.showTab(order[to]);
      $(`#tab-${order[to]}`).focus();
    });
    document.querySelectorAll<HTMLButtonElement>("[data-export]").forEach((b) =>
      b.addEventListener("click", () => {
        ($("#export-menu") as HTMLDetailsElement).open = false;
        // Focus goes back to the menu's button, not to the page's start.
        $("#export-menu summary").focus();
        void this.export(b.dataset.export!);
      }));
    // The export menu closes on a click elsewhere, as menus do (and on Escape, below).
    document.addEventListener("click", (e) => {
      const menu = $("#export-menu") as HTMLDetailsElement;
      if (menu.open && !menu.contains(e.target as Node)) menu.open = false;
    });
    window.addEventListener("popstate", (e) => void this.returnTo(e.state));
    document.addEventListener("keydown", (e) => {
      const t = e.target as HTMLElement;
      const menu = $("#export-menu") as HTMLDetailsElement;
      if (e.key === "Escape" && menu.open) {
        menu.open = false;
        menu.querySelector("summary")!.focus();
        return;
      }
      if (t.closest("input, textarea, select, .cm-editor, [contenteditable]")) return;
      // The console shows its own results: the graph's keys would change the Explore
      // graph hidden behind it (U undid its expansion, L switched its list view on).
      if (this.state.mode === "console" && e.key !== "/") return;
      const id = this.selectedId();
      // The buttons' titles name the keys in capitals: E works as e (Shift, Caps Lock).
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      if (e.key === "/") { e.preventDefault(); search.focus(); }
      else if ((e.key === "z" && (e.ctrlKey || e.metaKey)) || (key === "u" && !e.ctrlKey && !e.metaKey && !e.altKey)) { e.preventDefault(); this.undo(); }
      else if (e.ctrlKey || e.metaKey || e.altKey) return;
      else if (key === "e" && id) void this.expand(id);
      else if (key === "c" && id) this.collapse(id);
      else if (key === "f") this.view.fit();
      else if (key === "l") this.toggleList();
      else if (e.key === "Escape") this.selectElement(null, "", true);
    });
  }

  /** Resolves once the schema, sources and conflicts are in (or failed). */
  ready: Promise<void> = Promise.resolve();
  /** Why the side data failed to load (Neo4j away), null when it loaded: the next load asks again. */
  sideFailure: unknown = null;
  /** Why the conflicts failed to load, null when they loaded: the tab says so rather than "none". */
  conflictsFailure: unknown = null;
  /** The timer that asks again for side data that failed (0: none), and its next delay. */
  sideRetry = 0;
  sideRetryDelay = 2000;
  get sideMissing(): boolean {
    return this.sideFailure !== null;
  }

  /**
   * Loads the side data (filters, source titles, conflict badges, type colours), and
   * when it arrives brings in line what was drawn without it. A page opened while Neo4j
   * was away has none: loadEntity and loadPaths ask again when a load passes, or the
   * conflicts stayed "none" and the filters empty after Neo4j came back.
   */
  loadSide(): Promise<void> {
    if (this.sideLoading) return this.sideLoading;
    this.sideLoading = Promise.allSettled([api.schema(), api.sources(), api.conflicts()]).then(([schema, sources, conflicts]) => {
      if (schema.status === "fulfilled") {
        this.schema = schema.value;
        setTypeOrder(schema.value.relationship_types.map((t) => t.name));
      }
      // Under every name, since facts cite sources by key (or id) and answers by element
      // id; lists go through sourceList(), which has each once.
      if (sources.status === "fulfilled") for (const s of sources.value.sources) for (const ref of sourceRefs(s)) this.sources.set(ref, s);
      if (conflicts.status === "fulfilled") {
        this.conflicts = conflicts.value.conflicts;
        for (const c of this.conflicts) for (const e of c.entities) { this.conflictedKeys.add(e.id); if (e.key) this.conflictedKeys.add(e.key); }
        this.conflictsFailure = null;
      } else {
        this.conflictsFailure = conflicts.reason ?? "failed";
      }
      const failed = [schema, sources, conflicts].find((r) => r.status === "rejected") as PromiseRejectedResult | undefined;
      this.sideFailure = failed ? failed.reason ?? "failed" : null;
      this.sideLoading = null;
      if (failed) this.retrySideLater();
      else this.sideRetryDelay = 2000;
      this.afterSide();
    });
    return this.sideLoading;
  }

  /**
   * Asks again for side data that failed, later each time (2 s, doubling to 30 s), until
   * it loads. Only a later load that passed asked again before, so when the side
   * requests alone met an outage (the neighbourhood passing), the conflicts said "none",
   * the filters were gone and the colours changed until the page was reloaded.
   */
  retrySideLater(): void {
    if (this.sideRetry) return;
    this.sideRetry = window.setTimeout(() => {
      this.sideRetry = 0;
      if (this.sideMissing) this.ready = this.loadSide();
    }, this.sideRetryDelay);
    this.sideRetryDelay = Math.min(this.sideRetryDelay * 2, 30000);
  }

  /** Draws again what the side data changes: conflicts, filters, colours, rings, the Details panel's source titles. */
  afterSide(): void {
    this.renderConflicts();
    if (this.state.mode === "console") return;
    if (this.state.mode === "explore") {
      this.fillFilters();
      if (!this.state.entity) return this.showWelcome();
    }
    const m = this.activeModel();
    if (!m.nodes.size) return;
    this.view.setConflicted(this.conflictedIds(m));
    this.view.render();
    this.refreshSide();
    // The Details panel named sources by their ids until their titles came; not when
    // the reader has the Conflicts tab open.
    const id = this.selectedId();
    if (id && !$("#details").hidden) void this.showDetails(this.view.cy.getElementById(id).isNode() ? "node" : "rel", id);
  }

  async boot(): Promise<void> {
    // The side data loads beside the first view, not before it: the neighbourhood
    // request starts at once.
    this.ready = this.loadSide();
    await this.apply(this.fromUrl());
    await this.ready;
    if (this.sideMissing && !this.state.entity) {
      this.setStatus(explain(this.sideFailure), "error", () => void this.loadSide().then(() => { if (!this.sideMissing) this.setStatus(""); }));
    }
  }
}

const app = new App();
// The benchmark and the browser tests read the canvas through this handle.
(window as unknown as { newsgraph: App }).newsgraph = app;
void app.boot();
