// The defects a first-time user's audit of the page found (page-audit), each as the
// reader met it, in real headless Chromium against the real server (scripts/e2e.sh).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { BASE, newPage, shot, waitRendered, withBrowser } from "./helpers.mjs";

let browser;
let page;
const errors = [];

withBrowser(errors, (b, p) => ([browser, page] = [b, p]), { width: 1280, height: 800 });

/** A gate for a routed request: the request waits until release() is called. */
function gate() {
  let release;
  const opened = new Promise((r) => (release = r));
  return { opened, release: () => release() };
}

describe("search box while the server is slow", () => {
  it("says it is searching instead of showing nothing", async () => {
    await page.goto(BASE + "/");
    await page.waitForSelector("#welcome:not([hidden])");
    const g = gate();
    await page.route("**/api/search*", async (route) => (await g.opened, route.continue().catch(() => {})));
    try {
      await page.click("#search");
      await page.keyboard.type("mercor");
      // The search is on its way and does not answer: the list says so.
      await page.waitForSelector(".search-box .ac-list:not([hidden]) .ac-loading", { timeout: 5000 });
      assert.match(await page.textContent(".search-box .ac-list"), /Searching/);
      assert.equal(await page.getAttribute(".search-box .ac-list", "aria-busy"), "true");
      await shot(page, "firstuser-search-slow");
      g.release();
      await page.waitForSelector(".search-box .ac-list:not([hidden]) .ac-item");
      assert.equal(await page.$(".search-box .ac-loading"), null, "the results replace it");
      assert.notEqual(await page.getAttribute(".search-box .ac-list", "aria-busy"), "true");
      await page.keyboard.press("Enter");
      await waitRendered(page, null);
      assert.match(page.url(), /[?&]entity=mercor\b/);
    } finally {
      g.release();
      await page.unrouteAll();
    }
  });
});

describe("search box by keyboard", () => {
  it("opens its list again on the arrow keys after a click away closed it, instead of moving a hidden choice", async () => {
    await page.goto(BASE + "/");
    await page.waitForSelector("#welcome:not([hidden])");
    await page.click("#search");
    await page.keyboard.type("mercor");
    await page.waitForSelector(".search-box .ac-list:not([hidden]) .ac-item");
    // Away and back: the list closes, the box keeps its text and its results.
    await page.click("#details");
    await page.waitForSelector(".search-box .ac-list", { state: "hidden" });
    await page.click("#search");
    await page.keyboard.press("ArrowDown");
    assert.equal(await page.isVisible(".search-box .ac-list"), true, "ArrowDown opens it again");
    assert.equal(await page.getAttribute("#search", "aria-expanded"), "true");
    // The choice is the one shown as chosen, and Enter opens it.
    const chosen = await page.$eval(".search-box .ac-item[aria-selected=true] .ac-name", (e) => e.textContent);
    assert.equal(chosen, "Mercor");
    await page.keyboard.press("Enter");
    await waitRendered(page, null);
    assert.match(page.url(), /[?&]entity=mercor\b/);
  });
});

describe("trace form", () => {
  it("labels its two ends where they show, not only by a placeholder that typing hides", async () => {
    await page.goto(BASE + "/?view=paths&from_id=meta&to_id=mercor");
    await page.waitForFunction(() => document.body.dataset.rendered === "paths");
    // Filled in (a link, a pick), the placeholders are gone: the labels still say which is which.
    assert.equal(await page.inputValue("#trace-from"), "Meta");
    for (const [id, text] of [["#trace-from", "From"], ["#trace-to", "To"]]) {
      const labels = await page.$eval(id, (e) => [...e.labels].map((l) => ({ text: l.textContent.trim(), shown: l.getBoundingClientRect().width > 0 })));
      assert.deepEqual(labels, [{ text, shown: true }], `${id} has a visible label`);
    }
    await shot(page, "firstuser-trace-labels");
  });
});

describe("names on a zoomed-out graph", () => {
  /** What the reader sees of a node's name: whether it is drawn, and its size on screen in px. */
  const nameOnScreen = (p, id) => p.evaluate((id) => {
    const cy = window.newsgraph.console.view.cy;
    const n = cy.getElementById(id);
    const px = parseFloat(n.style("font-size")) * cy.zoom();
    return { drawn: px >= parseFloat(n.style("min-zoomed-font-size")), px };
  }, id);

  it("shows the name of the node under the pointer, and of the one selected, at a readable size", async () => {
    // (10 px is a fact node's usual name size, 11 px an entity's.)
    // The console's placeholder query, zoomed out as a reader does to take in a larger
    // graph: far enough out, names are not drawn (under 6 px), and a dot's name was
    // nowhere but in its panel.
    await page.goto(BASE + "/?view=console&cypher=" + encodeURIComponent("MATCH (n:Entity)-[r]-(m) RETURN n, r, m LIMIT 25"));
    await page.click("#cypher-run");
    await page.waitForFunction(() => /^\d+$/.test(document.querySelector("#console").dataset.result ?? ""));
    const { id, x, y, zoom } = await page.evaluate(() => {
      const cy = window.newsgraph.console.view.cy;
      cy.zoom({ level: 0.4, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
      const n = cy.nodes().filter((n) => n.degree() === 1).first();
      const p = n.renderedPosition();
      const box = cy.container().getBoundingClientRect();
      return { id: n.id(), x: box.left + p.x + 1, y: box.top + p.y + 1, zoom: cy.zoom() };
    });
    assert.ok(zoom < 0.55, `the fitted graph is zoomed out (${zoom}), as the test needs`);
    assert.equal((await nameOnScreen(page, id)).drawn, false, "an unhovered name is not drawn");
    await page.mouse.move(x, y);
    await page.waitForTimeout(200);
    let seen = await nameOnScreen(page, id);
    assert.ok(seen.drawn && seen.px >= 10, `hovered: drawn at ${seen.px} px`);
    await shot(page, "firstuser-console-hover");
    await page.mouse.click(x, y);
    await page.mouse.move(x + 200, y + 200);
    await page.waitForTimeout(200);
    seen = await nameOnScreen(page, id);
    assert.ok(seen.drawn && seen.px >= 10, `selected: drawn at ${seen.px} px`);
    // Zoomed in, the selected name is its usual size again, not blown up.
    await page.evaluate(() => window.newsgraph.console.view.cy.zoom(2));
    await page.waitForTimeout(200);
    seen = await nameOnScreen(page, id);
    assert.ok(seen.px <= 2 * 11 + 0.5, `zoomed in: ${seen.px} px`);
  });
});

describe("the console's results", () => {
  /** The widths of the results frame, its canvas and its side pane (0 when not shown). */
  const widths = (p) => p.evaluate(() => {
    const w = (sel) => document.querySelector(sel)?.getBoundingClientRect().width ?? 0;
    return { results: w("#console .results"), graph: w("#console .console-graph"), side: w("#console .console-side"), hint: document.querySelector("#console .console-side")?.textContent ?? "" };
  });

  it("leaves no blank strip beside the graph: the side pane says what it is for, or is not there", async () => {
    await page.goto(BASE + "/?view=console&cypher=" + encodeURIComponent("MATCH (a:Organization)-[r]->(b) RETURN a, r, b LIMIT 10"));
    await page.waitForSelector("#cypher-run");
    // Nothing run yet: the canvas has the whole frame.
    let w = await widths(page);
    assert.ok(w.graph >= w.results - 4, `before a run the canvas is as wide as its frame (${w.graph} of ${w.results})`);
    await page.click("#cypher-run");
    await page.waitForFunction(() => /^\d+$/.test(document.querySelector("#console").dataset.result ?? ""));
    w = await widths(page);
    assert.ok(w.side > 0, "the side pane shows beside a result graph");
    assert.match(w.hint, /Select a node or a relationship/);
    assert.ok(w.graph + w.side >= w.results - 4, `canvas and pane fill the frame (${w.graph} + ${w.side} of ${w.results})`);
    await shot(page, "firstuser-console-side");
    // Selecting a node fills the pane, the canvas keeps its width (nothing moves under the pointer).
    const before = w.graph;
    await page.evaluate(() => { const cy = window.newsgraph.console.view.cy; cy.nodes().first().emit("tap"); });
    await page.waitForSelector("#console .console-side h2");
    assert.equal((await widths(page)).graph, before);
    // Back to nothing selected: the hint again.
    await page.evaluate(() => { const cy = window.newsgraph.console.view.cy; cy.emit("tap"); });
    assert.match((await widths(page)).hint, /Select a node or a relationship/);
  });
});

describe("a source with a web address", () => {
  it("links its evidence and its url property to the article, and only http(s) addresses", async () => {
    // The built-in sources have no url (docs/model.md: stored when given); one is given here.
    await page.route("**/api/sources*", async (route) => {
      const res = await route.fetch();
      const body = await res.json();
      for (const s of body.sources) {
        if (s.key === "src-ling-account") s.properties = { ...s.properties, url: "https://example.com/ling-account" };
        if (s.key === "src-bakayev-account") s.properties = { ...s.properties, url: "javascript:alert(1)" };
      }
      await route.fulfill({ response: res, json: body });
    });
    try {
      // Meta HIRED Scale AI's founder: reported by the Ling account.
      await page.goto(BASE + "/?entity=scale-founder");
      await waitRendered(page, null);
      const hired = await page.evaluate(() => [...window.newsgraph.model.rels.values()].find((r) => r.type === "HIRED").id);
      await page.evaluate((id) => window.newsgraph.selectElement("rel", id, true), hired);
      const link = page.locator("#details .evidence-source a");
      await link.first().waitFor();
      assert.equal(await link.first().getAttribute("href"), "https://example.com/ling-account");
      assert.equal(await link.first().getAttribute("target"), "_blank");
      assert.match(await link.first().getAttribute("rel"), /noopener/);
      assert.equal(await page.locator('#details a[href^="javascript:"]').count(), 0);
      await shot(page, "firstuser-source-link");
      // The node's "Mentioned in" list links its sources too.
      await page.route((url) => url.pathname === "/api/entities/scale-founder", async (route) => {
        const res = await route.fetch();
        const body = await res.json();
        for (const s of body.sources) if (s.key === "src-ling-account") s.properties = { ...s.properties, url: "https://example.com/ling-account" };
        await route.fulfill({ response: res, json: body });
      });
      const founder = await page.evaluate(() => window.newsgraph.model.focus);
      await page.evaluate((id) => window.newsgraph.selectElement("node", id, true), founder);
      await page.locator('#details a[href="https://example.com/ling-account"]').waitFor();
    } finally {
      await page.unrouteAll();
    }
  });
});

describe("a small graph fitted in view", () => {
  /** The names drawn past the canvas's edges (a name's box, in px, outside the canvas). */
  const clipped = (p) => p.evaluate(() => {
    const cy = window.newsgraph.view.cy;
    const w = cy.width(), hgt = cy.height();
    // The top 50 px are the status line's when it speaks (drawn over the canvas).
    return cy.nodes().not(".more").filter((n) => {
      const b = n.renderedBoundingBox({ includeLabels: true, includeOverlays: false });
      return b.x1 < -0.5 || b.y1 < 50 || b.x2 > w + 0.5 || b.y2 > hgt + 0.5;
    }).map((n) => n.data("label"));
  });

  for (const [size, viewport] of [["desktop", { width: 1280, height: 800 }], ["phone", { width: 390, height: 844 }]]) {
    it(`draws every name inside the canvas, none cut at its edges (${size})`, async () => {
      const p = await newPage(browser, errors, viewport);
      try {
        for (const entity of ["scale-founder", "meta", "scale-ai"]) {
          await p.goto(BASE + "/?entity=" + entity);
          await waitRendered(p, null);
          assert.deepEqual(await clipped(p), [], `${entity}: names cut at the canvas's edge`);
        }
        await shot(p, `firstuser-fit-${size}`);
      } finally {
        await p.context().close();
      }
    });
  }
});

describe("the console's result tabs", () => {
  it("move with the arrow keys and take one tab stop, as the Details and Conflicts tabs do", async () => {
    await page.goto(BASE + "/?view=console&cypher=" + encodeURIComponent("MATCH (a:Organization)-[r]->(b) RETURN a, r, b LIMIT 5"));
    await page.click("#cypher-run");
    await page.waitForFunction(() => /^\d+$/.test(document.querySelector("#console").dataset.result ?? ""));
    const tabs = () => page.$$eval("#console .result-tabs [role=tab]", (ts) => ts.map((t) => ({ tab: t.dataset.tab, selected: t.getAttribute("aria-selected"), stop: t.tabIndex, focused: t === document.activeElement, controls: !!document.getElementById(t.getAttribute("aria-controls") ?? "") })));
    let t = await tabs();
    assert.deepEqual(t.map((x) => x.stop), [0, -1, -1], "one tab stop: the selected tab");
    assert.ok(t.every((x) => x.controls), "each tab names the panel it shows");
    await page.focus("#console .result-tabs [data-tab=graph]");
    await page.keyboard.press("ArrowRight");
    t = await tabs();
    assert.deepEqual(t.find((x) => x.focused)?.tab, "table");
    assert.equal(t.find((x) => x.tab === "table").selected, "true");
    assert.equal(await page.isVisible("#console .result-table"), true);
    await page.keyboard.press("End");
    assert.equal((await tabs()).find((x) => x.focused)?.tab, "json");
    await page.keyboard.press("ArrowRight");
    assert.equal((await tabs()).find((x) => x.focused)?.tab, "graph", "the arrows wrap around");
    await page.keyboard.press("ArrowLeft");
    assert.equal((await tabs()).find((x) => x.focused)?.tab, "json");
    await page.keyboard.press("Home");
    t = await tabs();
    assert.equal(t.find((x) => x.focused)?.tab, "graph");
    assert.deepEqual(t.map((x) => x.stop), [0, -1, -1]);
  });
});

describe("collapse", () => {
  it("brings the view back to what it was before the expansion, links to nodes already shown included", async () => {
    await page.goto(BASE + "/?entity=scale-ai");
    await waitRendered(page, null);
    const counts = () => page.evaluate(() => ({ nodes: window.newsgraph.model.nodes.size, rels: window.newsgraph.model.rels.size }));
    const before = await counts();
    const mercor = await page.evaluate(() => [...window.newsgraph.model.nodes.values()].find((n) => n.key === "mercor").id);
    await page.evaluate((id) => window.newsgraph.selectElement("node", id, true), mercor);
    await page.click("#btn-expand");
    await page.waitForFunction(() => /^Added/.test(document.querySelector("#status").textContent));
    await page.click("#btn-collapse");
    assert.deepEqual(await counts(), before, "the same nodes and relationships as before the expansion");
    assert.equal(await page.isDisabled("#btn-collapse"), true);
  });
});
