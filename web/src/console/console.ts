// The Cypher console, loaded on demand: CodeMirror 6 with Neo4j's Cypher language support
// (highlighting, completion from the database's schema), JSON parameters, Ctrl-Enter to
// run, results as graph, table or raw JSON, errors marked where Neo4j found them, and a
// history kept in this browser. A share link fills the editor; it never runs anything.
import { createCypherEditor, type EditorApi } from "@neo4j-cypher/codemirror";
import "@neo4j-cypher/codemirror/css/cypher-codemirror.css";
import { closeCompletion } from "@codemirror/autocomplete";
import { Prec, StateEffect, StateField } from "@codemirror/state";
import { Decoration, EditorView, keymap, type DecorationSet } from "@codemirror/view";
import { api, ApiError, explain, factInSource, wholeProperty } from "../api";
import { fill, h, show } from "../dom";
import { cellText, cellTitle, elapsedText, nodeNames } from "./cells";
import type { NodeNames } from "../values";
import { GraphView } from "../graphview";
import { GraphModel } from "../model";
import { defaultState, encode } from "../state";
import { relPanel, nodePanel, type PanelActions } from "../panels";
import type { CypherAnswer, Graph, Schema, Source } from "../types";

const HISTORY_KEY = "newsgraph.cypher.history";
const HISTORY_MAX = 30;

interface HistoryItem {
  query: string;
  params: string;
  at: string;
}

export interface ConsoleOptions {
  theme: string;
  schema: Schema | null;
  sources: Map<string, Source>;
  /** Puts the query in the page's URL and returns the link to copy. */
  onShare(query: string, params: string): string;
}

function loadHistory(): HistoryItem[] {
  try {
    const v = JSON.parse(localStorage.getItem(HISTORY_KEY) ?? "[]");
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

function saveHistory(items: HistoryItem[]): void {
  try {
    localStorage.setItem(HISTORY_KEY, JSON.stringify(items.slice(0, HISTORY_MAX)));
  } catch {
    /* storage full or disabled: history is a convenience */
  }
}

/** Marks Neo4j's syntax error in the editor; its own field, so no linter run replaces it. */
const setErrorMark = StateEffect.define<{ from: number; to: number; message: string } | null>();

/** The error mark lives until the query is edited (or another run clears it). */
const errorMark = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    for (const e of tr.effects) if (e.is(setErrorMark)) {
      if (!e.value) return Decoration.none;
      const { from, to, message } = e.value;
      return Decoration.set([Decoration.mark({ class: "cm-lintRange cm-lintRange-error", attributes: { title: message } }).range(from, to)]);
    }
    return tr.docChanged ? Decoration.none : marks;
  },
  provide: (f) => EditorView.decorations.from(f),
});

/** Builds the console in `root`, its history list in `historyEl`, and returns its handle. */
export function mountConsole(root: HTMLElement, historyEl: HTMLElement, opts: ConsoleOptions) {
  let last: CypherAnswer | null = null;
  /** The run on its way, if any: a new run stops it and drops its answer. */
  let running: AbortController | null = null;
  let tab: "graph" | "table" | "json" = "graph";
  /** Whether the console, not the reader, chose the Table tab (a result with nothing to draw). */
  let autoTable = false;
  const editorHost = h("div", { class: "editor", "aria-label": "Cypher query" });
  const params = h("textarea", { class: "params", rows: 3, spellcheck: false, "aria-label": "Parameters (JSON)", placeholder: '{"id": "scale-ai"}' }) as HTMLTextAreaElement;
  const limit = h("input", { type: "number", min: 1, max: 5000, value: 1000, class: "row-limit", "aria-label": "Row limit" }) as HTMLInputElement;
  const runBtn = h("button", { class: "primary", id: "cypher-run", title: "Run (Ctrl+Enter)" }, "Run ▶");
  // While a query runs: waiting out its time limit was the only way back to the editor.
  const stopBtn = h("button", { id: "cypher-stop", title: "Stop waiting for this query", hidden: true }, "Stop ■");
  const shareBtn = h("button", { id: "cypher-share", title: "Copy a link that fills the editor with this query (it does not run it)" }, "Copy share link");
  const shareOut = h("input", { class: "share-url", readonly: true, "aria-label": "Share link", hidden: true }) as HTMLInputElement;
  const message = h("div", { class: "console-message", role: "status", "aria-live": "polite" });
  const TABS = ["graph", "table", "json"] as const;
  const tabs = h("div", { class: "tabs result-tabs", role: "tablist", "aria-label": "Result as" },
    TABS.map((t) => h("button", { role: "tab", id: `result-tab-${t}`, "aria-controls": `result-${t}`, "data-tab": t, "aria-selected": String(t === tab), tabindex: t === tab ? 0 : -1 },
      t === "json" ? "Raw JSON" : t[0].toUpperCase() + t.slice(1))));
  const graphEl = h("div", { id: "result-graph", class: "graph console-graph", role: "img", "aria-label": "Result graph" });
  const tableEl = h("div", { id: "result-table", class: "result-table", role: "tabpanel", "aria-labelledby": "result-tab-table", hidden: true });
  const jsonEl = h("pre", { id: "result-json", class: "result-json", role: "tabpanel", "aria-labelledby": "result-tab-json", hidden: true, tabindex: 0 });
  const side = h("div", { class: "console-side" });
  fill(root,
    h("div", { class: "console-top" },
      editorHost,
      h("div", { class: "console-controls" },
        h("label", { class: "params-label" }, "Parameters (JSON)", params),
        h("div", { class: "row" }, runBtn, stopBtn, shareBtn),
        h("label", { class: "params-label" }, "Row limit (up to 5000)", limit),
        shareOut,
        h("p", { class: "muted hint" }, "Read-only: writes, LOAD CSV and admin procedures are refused. Ctrl+Enter runs."))),
    message,
    tabs,
    h("div", { class: "results" }, graphEl, tableEl, jsonEl, side));

  const model = new GraphModel();
  const act: PanelActions = {
    open: (key) => (location.href = "/?entity=" + encodeURIComponent(key)),
    select: (kind, id) => showSel(kind, id),
    // The result graph is read, not grown: no Expand button that would do nothing.
    expand: () => undefined,
    canExpand: () => false,
    expandType: () => undefined,
    collapse: () => undefined,
    canCollapse: () => false,
    fact: (r) => showSel("rel", r.id),
    conflict: () => undefined,
    // A fact outside this result: the explorer shows it, at its start when it is a relationship.
    ref: (key, source) => void (source ? factInSource(source, key) : Promise.resolve(null)).then(
      (f) => (f ? (location.href = "/" + encode({ ...defaultState(), entity: f.start.key || f.start.id, sel: "r:" + (f.rel.key || f.rel.id) })) : act.open(key)),
      (err) => setMessage("error", explain(err))),
    // The console's answers carry every value whole; these are here for completeness.
    whole: wholeProperty,
    query: (cypher, params) => setText(cypher, JSON.stringify(params, null, 1)),
    conflictName: () => undefined,
  };
  const view = new GraphView(graphEl, model, { select: (k, id) => showSel(k, id), expand: () => undefined, more: () => undefined });
  const showSel = (kind: "node" | "rel" | null, id: string) => {
    view.select(kind ? id : "");
    if (kind === "rel" && model.rels.has(id)) fill(side, relPanel(model.rels.get(id)!, model, opts.sources, act));
    else if (kind === "node" && model.nodes.has(id)) fill(side, nodePanel(model.nodes.get(id)!, null, model, opts.sources, act));
    else hint();
  };
  /**
   * The side pane with nothing selected: beside a result graph it says what it is for
   * (empty, it was a blank strip a third of the frame wide, which the canvas could not
   * use); with no graph it is not there, and the canvas has the whole frame.
   */
  const hint = () => fill(side, model.nodes.size ? h("p", { class: "muted" }, "Select a node or a relationship to read its properties and evidence.") : null);

  // The package's typings say it returns the API; at run time it wraps it as { editor }.
  const { editor } = createCypherEditor(editorHost, {
    value: "",
    theme: opts.theme === "dark" ? "dark" : "light",
    autofocus: false,
    lint: false,
    lineWrapping: true,
    placeholder: "MATCH (n:Entity)-[r]-(m) RETURN n, r, m LIMIT 25",
    schema: opts.schema ? {
      labels: opts.schema.labels.map((l) => l.name),
      relationshipTypes: opts.schema.relationship_types.map((t) => t.name),
      propertyKeys: opts.schema.property_keys,
    } : undefined,
    preExtensions: [Prec.highest(keymap.of([{ key: "Mod-Enter", run: () => (void run(), true) }])), errorMark],
  }) as unknown as { editor: EditorApi };

  const history = loadHistory();
  const renderHistory = () =>
    fill(historyEl,
      h("h2", {}, "History"),
      history.length ? h("ol", { class: "history" }, history.map((it) =>
        h("li", {}, h("button", { class: "link mono", title: it.at, onclick: () => setText(it.query, it.params) }, it.query.length > 80 ? it.query.slice(0, 80) + "…" : it.query,
          // The same query with other parameters is another entry: say which.
          it.params ? h("span", { class: "muted" }, " with " + (it.params.length > 60 ? it.params.slice(0, 60) + "…" : it.params)) : null))))
        : h("p", { class: "muted" }, "Queries you run are kept here, in this browser only."),
      history.length ? h("button", { class: "small", onclick: () => (history.splice(0), saveHistory(history), renderHistory()) }, "Clear history") : null);
  renderHistory();

  const setTab = (t: typeof tab) => {
    tab = t;
    tabs.querySelectorAll("button").forEach((b) => {
      b.setAttribute("aria-selected", String(b.dataset.tab === t));
      // One tab stop for the tab list, the selected tab's; the arrow keys move between them.
      b.tabIndex = b.dataset.tab === t ? 0 : -1;
    });
    graphEl.hidden = t !== "graph";
    side.hidden = t !== "graph";
    tableEl.hidden = t !== "table";
    jsonEl.hidden = t !== "json";
    if (t === "graph") view.cy.resize();
  };
  // The tab list's keys (WAI-ARIA's tabs pattern): the arrows (wrapping), Home and End select and focus.
  tabs.addEventListener("keydown", (e) => {
    const at = TABS.indexOf(tab);
    const to = e.key === "ArrowRight" ? (at + 1) % TABS.length : e.key === "ArrowLeft" ? (at + TABS.length - 1) % TABS.length
      : e.key === "Home" ? 0 : e.key === "End" ? TABS.length - 1 : -1;
    if (to < 0) return;
    e.preventDefault();
    autoTable = false;
    setTab(TABS[to]);
    tabs.querySelector<HTMLElement>(`[data-tab=${TABS[to]}]`)?.focus();
  });
  tabs.addEventListener("click", (e) => {
    const b = (e.target as HTMLElement).closest("button");
    if (b?.dataset.tab) {
      autoTable = false;
      setTab(b.dataset.tab as typeof tab);
    }
  });

  const setMessage = (kind: string, ...content: (string | Node)[]) => {
    message.className = "console-message " + kind;
    fill(message, ...content);
  };

  const clearMark = () => editor.codemirror.dispatch({ effects: setErrorMark.of(null) });

  /** Marks a syntax error where Neo4j found it (fields.offset, else line and column). */
  const markError = (fields: Record<string, unknown>, text: string) => {
    const v = editor.codemirror;
    const doc = v.state.doc;
    let from = Number(fields.offset);
    if (!Number.isFinite(from) && Number(fields.line) >= 1) {
      const line = doc.line(Math.min(doc.lines, Number(fields.line)));
      from = line.from + Math.max(0, Number(fields.column ?? 1) - 1);
    }
    if (!Number.isFinite(from)) return;
    from = Math.max(0, Math.min(doc.length, from));
    const at = from;
    let to = Math.min(doc.length, from + Math.max(1, (/^\w+/.exec(doc.sliceString(from, from + 40))?.[0].length ?? 1)));
    if (to <= from) {
      // Neo4j stopped at the very end (an unfinished query): a mark cannot be empty, so
      // underline the last word (or character) before it.
      const before = doc.sliceString(0, from).trimEnd();
      if (!before) return;
      to = before.length;
      from = to - (/\w+$/.exec(before)?.[0].length ?? 1);
    }
    v.dispatch({ effects: setErrorMark.of({ from, to, message: text }) });
    editor.setPosition(at);
  };

  const run = async () => {
    // Sent as the editor holds it: Neo4j's line, column and offset then point into the
    // editor's text (a trimmed copy would shift them past any leading blank lines).
    const text = editor.codemirror.state.doc.toString();
    // Ctrl-Enter ran the query with the completion list still open over the editor.
    closeCompletion(editor.codemirror);
    const query = text.trim();
    if (!query) return setMessage("error", "Write a query first.");
    let p: Record<string, unknown> = {};
    const ptext = params.value.trim();
    if (ptext) {
      try {
        p = JSON.parse(ptext);
        if (!p || typeof p !== "object" || Array.isArray(p)) throw new Error("not an object");
      } catch (err) {
        return setMessage("error", `The parameters are not a JSON object: ${(err as Error).message}`);
      }
    }
    clearMark();
    setMessage("loading", "Running…");
    runBtn.setAttribute("disabled", "");
    stopBtn.hidden = false;
    // Ctrl+Enter runs again while a query is on its way: only the last run's answer shows.
    running?.abort();
    const mine = (running = new AbortController());
    const item = { query, params: ptext, at: new Date().toISOString() };
    const dup = history.findIndex((x) => x.query === query && x.params === ptext);
    if (dup >= 0) history.splice(dup, 1);
    history.unshift(item);
    saveHistory(history);
    renderHistory();
    try {
      const rows = Math.min(5000, Math.max(1, Math.floor(Number(limit.value)) || 1000));
      performance.mark("ng:cypher:sent");
      const ans = await api.cypher(text, p, rows, mine.signal);
      if (mine !== running) return;
      last = ans;
      performance.mark("ng:cypher:answer");
      const n = last.rows.length;
      // Cut at the row limit: raising it is what shows more (a LIMIT in the query only
      // chooses which rows), until it is at its most.
      const cutNote = rows < 5000 ? `truncated at the row limit of ${rows}: raise it (up to 5000) to see more` : "truncated at the row limit of 5000: narrow the query (WHERE, LIMIT) to see what you want";
      setMessage("ok", `${n} row${n === 1 ? "" : "s"} in ${elapsedText(last.elapsed_ms)}` + (last.truncated ? ` (${cutNote})` : "") + ".");
      renderResult(last);
      root.dataset.result = String(Date.now());
    } catch (err) {
      if (mine !== running) return;
      last = null;
      renderResult(null);
      if (err instanceof ApiError && err.status === 403) {
        setMessage("refused", h("strong", {}, "Query refused. "), err.problem.detail ?? "", h("br"), "This console only reads the graph: it refuses writes, schema and admin commands, LOAD CSV and CALL … IN TRANSACTIONS.");
      } else if (err instanceof ApiError && err.status === 400 && err.problem.fields && ("offset" in err.problem.fields || "line" in err.problem.fields)) {
        const f = err.problem.fields;
        // Not always syntax: Neo4j reports "Variable `m` not defined" the same way.
        // Neo4j's message repeats the position and the query's line with a caret under
        // it, which the editor already marks: its first line says it, without them.
        const said = (err.problem.detail ?? "").split("\n")[0].replace(/\s*\(line \d+, column \d+ \(offset: \d+\)\)\s*$/, "");
        setMessage("error", h("strong", {}, `Error at line ${show(f.line)}, column ${show(f.column)}: `), said);
        markError(f, err.problem.detail ?? "syntax error");
      } else setMessage("error", explain(err));
      root.dataset.result = "error-" + Date.now();
    } finally {
      if (mine === running) ended();
    }
  };

  /** The editor's controls back as they are between runs. */
  const ended = () => {
    running = null;
    runBtn.removeAttribute("disabled");
    stopBtn.hidden = true;
  };

  /**
   * Stops waiting for the running query: its answer, if it comes, is dropped. The
   * server cancels its transaction when the request goes; Neo4j may still take a moment
   * to let go of it (a full console says so).
   */
  const stop = () => {
    if (!running) return;
    running.abort();
    ended();
    setMessage("error", "Stopped: the query's answer will not be shown.");
    root.dataset.result = "stopped-" + Date.now();
    runBtn.focus();
  };

  const renderResult = (ans: CypherAnswer | null) => {
    const g: Graph = ans?.graph ?? { nodes: [], relationships: [], truncated: false };
    model.load({ ...g, focus: g.nodes[0]?.id ?? "" });
    model.focus = "";
    performance.mark("ng:cypher:laid-out");
    // The pane first: the canvas is fitted at the width it keeps.
    hint();
    // Untangled as the explorer's graph is, over the canvas's shape: the ring around the
    // first node piled the nodes it does not touch on top of each other, and spread the
    // rest so wide that the fit left the names too small to draw.
    view.render();
    view.relax(true);
    view.fit();
    performance.mark("ng:cypher:drawn");
    if (!ans) {
      fill(tableEl);
      jsonEl.textContent = "";
      return;
    }
    // Nodes read by the names the graph gives them, as on the canvas and in the panels.
    const names = nodeNames(g);
    fill(tableEl, ans.rows.length ? h("table", { class: "data" },
      h("thead", {}, h("tr", {}, ans.columns.map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, ans.rows.map((r) => h("tr", {}, r.map((v) => h("td", { title: cellTitle(v) }, cellText(v, names)))))))
      : h("p", { class: "muted" }, "No rows."));
    jsonEl.textContent = JSON.stringify(ans, null, 2);
    performance.mark("ng:cypher:tables");
    if (!g.nodes.length && tab === "graph" && ans.rows.length) {
      autoTable = true;
      setTab("table");
    } else if (g.nodes.length && autoTable) {
      // The next result that has a graph is drawn again, unless the reader picked the table.
      autoTable = false;
      setTab("graph");
    }
  };

  runBtn.addEventListener("click", () => void run());
  stopBtn.addEventListener("click", stop);
  params.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) (e.preventDefault(), void run());
  });
  shareBtn.addEventListener("click", async () => {
    const url = opts.onShare(editor.codemirror.state.doc.toString(), params.value.trim());
    shareOut.hidden = false;
    shareOut.value = url;
    shareOut.select();
    try {
      await navigator.clipboard.writeText(url);
      setMessage("ok", "Link copied. Opening it fills the editor; it does not run the query.");
    } catch {
      setMessage("ok", "Copy the link below. Opening it fills the editor; it does not run the query.");
    }
  });

  const setText = (q: string, p: string, fromLink = false) => {
    editor.setValue(q);
    params.value = p;
    clearMark();
    editor.focus();
    // A link fills the editor and never runs it: an empty result under a query seemed to
    // be its answer.
    if (fromLink) setMessage("ok", "Not run yet: read the query, then press Run (Ctrl+Enter).");
  };
  setTab("graph");

  return {
    setText,
    graph: (): Graph => model.toGraph(),
    /** The last result's table, for the CSV export of results without a graph. */
    table: (): { columns: string[]; rows: unknown[][]; names: NodeNames } | null =>
      (last ? { columns: last.columns, rows: last.rows, names: nodeNames(last.graph) } : null),
    /** Tells the reader something in the console's message line (the page's is hidden here). */
    say: (text: string) => setMessage("error", text),
    png: (bg: string) => (model.nodes.size ? view.png(bg) : null),
    svg: async (bg: string) => {
      if (!model.nodes.size) return null;
      const { svgOf } = await import("../svg");
      return svgOf(view.cy, bg);
    },
    setTheme: (t: string) => {
      editor.setTheme(t === "dark" ? "dark" : "light");
      view.restyle();
    },
    focus: () => editor.focus(),
    /** For the benchmark: the console's canvas. */
    view,
  };
}
