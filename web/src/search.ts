// Search with autocomplete, as an ARIA combobox: type, move with the arrow keys, Enter
// opens. Used by the top bar and by the path tracer's two ends.
import { api, explain } from "./api";
import { fill, h } from "./dom";
import { mainLabel } from "./style";
import type { GNode } from "./types";

let uid = 0;

/** Turns an input into an autocomplete over /api/search; onPick gets the chosen node. */
export function autocomplete(input: HTMLInputElement, onPick: (n: GNode) => void): { clear(): void } {
  const listId = `ac-${++uid}`;
  const list = h("ul", { id: listId, role: "listbox", class: "ac-list", hidden: true });
  input.after(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", listId);
  input.setAttribute("aria-expanded", "false");
  input.autocomplete = "off";
  let results: GNode[] = [];
  let active = -1;
  let timer = 0;
  let ctrl: AbortController | null = null;

  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const paint = () => {
    [...list.children].forEach((li, i) => li.setAttribute("aria-selected", String(i === active)));
    if (active >= 0) input.setAttribute("aria-activedescendant", `${listId}-${active}`);
  };
  const pick = (i: number) => {
    const n = results[i];
    if (!n) return;
    close();
    input.value = n.name;
    onPick(n);
  };
  const run = async () => {
    const q = input.value.trim();
    if (q.length < 1) return close();
    ctrl?.abort();
    ctrl = new AbortController();
    try {
      const ans = await api.search(q, 8, ctrl.signal);
      results = ans.results.map((r) => r.node);
      active = results.length ? 0 : -1;
      fill(
        list,
        results.length
          ? results.map((n, i) =>
              h("li", { id: `${listId}-${i}`, role: "option", class: "ac-item", onmousedown: (e: Event) => (e.preventDefault(), pick(i)) },
                h("span", { class: "ac-name" }, n.name), h("span", { class: "ac-label" }, mainLabel(n))))
          : h("li", { class: "ac-empty", role: "option", "aria-disabled": "true" }, `No results for “${q}”`),
      );
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      paint();
    } catch (err) {
      if ((err as Error).name === "AbortError") return;
      fill(list, h("li", { class: "ac-empty error", role: "option", "aria-disabled": "true" }, explain(err)));
      list.hidden = false;
    }
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = window.setTimeout(run, 150);
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" && results.length) {
      active = (active + 1) % results.length;
      paint();
      e.preventDefault();
    } else if (e.key === "ArrowUp" && results.length) {
      active = (active - 1 + results.length) % results.length;
      paint();
      e.preventDefault();
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (!list.hidden && active >= 0) pick(active);
      else void run();
    } else if (e.key === "Escape") close();
  });
  input.addEventListener("blur", () => setTimeout(close, 100));
  return { clear: () => ((input.value = ""), close()) };
}
