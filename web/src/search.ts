// Search with autocomplete, as an ARIA combobox: type, move with the arrow keys, Enter
// opens. Used by the top bar and by the path tracer's two ends.
import { api, explain } from "./api";
import { bdi, fill, h } from "./dom";
import { mainLabel } from "./style";
import type { GNode } from "./types";

let uid = 0;

/**
 * Turns an input into an autocomplete over /api/search; onPick gets the chosen node.
 * `holdsPick` says whether the field already holds its pick: then, with the list closed,
 * Enter is left to the field's form (the trace form's Trace).
 */
export function autocomplete(input: HTMLInputElement, onPick: (n: GNode) => void, holdsPick?: () => boolean): { clear(): void } {
  const listId = `ac-${++uid}`;
  const list = h("ul", { id: listId, role: "listbox", class: "ac-list", hidden: true });
  input.after(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", listId);
  input.setAttribute("aria-expanded", "false");
  input.autocomplete = "off";
  let results: GNode[] = [];
  /** The text `results` answer; results of any other text are stale. */
  let answered = "";
  let active = -1;
  let timer = 0;
  let ctrl: AbortController | null = null;
  /** The search on its way (or done), so Enter can wait for it. */
  let searching: Promise<void> = Promise.resolve();

  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const open = () => {
    // An answer that arrives after the reader moved on must not pop up over the page.
    if (document.activeElement !== input) return close();
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  };
  const paint = () => {
    [...list.children].forEach((li, i) => li.setAttribute("aria-selected", String(i === active)));
    if (active >= 0) {
      input.setAttribute("aria-activedescendant", `${listId}-${active}`);
      // The list scrolls (long names on a phone): the chosen option must stay in sight.
      list.children[active]?.scrollIntoView({ block: "nearest" });
    }
  };
  const pick = (i: number) => {
    const n = results[i];
    if (!n) return;
    close();
    input.value = n.name;
    onPick(n);
  };
  const search = async (q: string) => {
    ctrl?.abort();
    const mine = (ctrl = new AbortController());
    // A search that takes a while (Neo4j busy or away: a 503 takes seconds) says so; the
    // list stayed as it was, or closed, and the box seemed to ignore what was typed. The
    // results of the text before are gone then, so neither the arrows nor Enter pick one.
    const slow = window.setTimeout(() => {
      if (mine !== ctrl) return;
      results = [];
      active = -1;
      input.removeAttribute("aria-activedescendant");
      list.setAttribute("aria-busy", "true");
      fill(list, h("li", { class: "ac-empty ac-loading", role: "option", "aria-disabled": "true" }, "Searching…"));
      open();
    }, 300);
    try {
      const ans = await api.search(q, 8, mine.signal);
      results = ans.results.map((r) => r.node);
      answered = q;
      active = results.length ? 0 : -1;
      fill(
        list,
        results.length
          ? results.map((n, i) =>
              h("li", { id: `${listId}-${i}`, role: "option", class: "ac-item", onmousedown: (e: Event) => (e.preventDefault(), pick(i)) },
                h("bdi", { class: "ac-name", dir: "auto" }, n.name), h("bdi", { class: "ac-label", dir: "auto" }, mainLabel(n))))
          : h("li", { class: "ac-empty", role: "option", "aria-disabled": "true" }, "No results for “", bdi(q), "”"),
      );
      open();
      paint();
    } catch (err) {
      if ((err as Error).name === "AbortError") return;
      // Nothing to pick after a failure: Enter must not open what an earlier text found.
      results = [];
      answered = q;
      active = -1;
      input.removeAttribute("aria-activedescendant");
      // The API names its parameter ("q must be at most 200 characters long"); the reader
      // knows it as the search text.
      fill(list, h("li", { class: "ac-empty error", role: "option", "aria-disabled": "true" }, explain(err).replace(/^q /, "The search text ")));
      open();
    } finally {
      clearTimeout(slow);
      if (mine === ctrl) list.removeAttribute("aria-busy");
    }
  };
  const run = (): Promise<void> => {
    clearTimeout(timer);
    timer = 0;
    const q = input.value.trim();
    if (q.length < 1) {
      ctrl?.abort();
      results = [];
      answered = "";
      close();
      return Promise.resolve();
    }
    if (q !== answered || list.hidden) searching = search(q);
    return searching;
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = window.setTimeout(run, 150);
  });
  input.addEventListener("keydown", async (e) => {
    // The list closed (Escape, a click away) with results of the text in the box: an
    // arrow opens it again, as a combobox does, showing the choice it keeps; it moved a
    // choice no one could see, which Enter then opened.
    if ((e.key === "ArrowDown" || e.key === "ArrowUp") && list.hidden && results.length && answered === input.value.trim()) {
      e.preventDefault();
      if (active < 0) active = 0;
      open();
      paint();
    } else if (e.key === "ArrowDown" && results.length) {
      active = (active + 1) % results.length;
      paint();
      e.preventDefault();
    } else if (e.key === "ArrowUp" && results.length) {
      active = (active - 1 + results.length) % results.length;
      paint();
      e.preventDefault();
    } else if (e.key === "Enter") {
      if (list.hidden && !timer && holdsPick?.()) return;
      e.preventDefault();
      const q = input.value.trim();
      // Typed faster than the search: wait for the answer to what is in the box now,
      // then open its best match, never a result of the text before.
      if (timer || q !== answered) {
        await run();
        if (input.value.trim() === q && answered === q && results.length) pick(Math.max(0, active));
      }
      // The results are those of the text in the box, the list open or closed (the
      // reader clicked away and back): open the chosen or best match.
      else if (results.length) pick(Math.max(0, active));
      else void run();
    } else if (e.key === "Escape") close();
  });
  input.addEventListener("blur", () => {
    // Leaving the box ends its search: nothing may open the list after the reader left.
    clearTimeout(timer);
    timer = 0;
    ctrl?.abort();
    setTimeout(close, 100);
  });
  return { clear: () => ((input.value = ""), close()) };
}
