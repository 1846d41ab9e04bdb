// Shared helpers of the browser tests: Debian's Chromium driven by playwright-core (no
// browser download), screenshots of every step, and the graph's on-screen positions so
// the tests click nodes and edges the way a reader does.
import { chromium } from "playwright-core";
import assert from "node:assert/strict";
import { after, before } from "node:test";
import { mkdirSync } from "node:fs";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const BASE = process.env.NEWSGRAPH_URL ?? "http://127.0.0.1:8080";
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SHOTS = process.env.E2E_ARTIFACTS ?? join(root, "artifacts", "e2e");
mkdirSync(SHOTS, { recursive: true });

export const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/** A new page of the given size that fails the test on any uncaught page error. */
export async function newPage(browser, errors, viewport = { width: 1440, height: 900 }) {
  const context = await browser.newContext({ viewport });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: BASE }).catch(() => {});
  const page = await context.newPage();
  // Generous: the CI machine has two cores and Neo4j shares them.
  page.setDefaultTimeout(60000);
  page.on("pageerror", (e) => errors.push(e.message));
  return page;
}

/**
 * Gives a test file its browser and first page (of the given size): launched before its
 * tests and handed to `set`, closed after them, when the page must have thrown no
 * uncaught error into `errors` (which the file's other pages share).
 */
export function withBrowser(errors, set, viewport) {
  let browser;
  before(async () => {
    browser = await launch();
    set(browser, await newPage(browser, errors, viewport));
  });
  after(async () => {
    await browser?.close();
    assert.deepEqual(errors, [], "the page threw uncaught errors");
  });
}

export async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** Waits until the explorer has drawn a new answer (body[data-rendered] changes). */
export async function waitRendered(page, previous) {
  await page.waitForFunction((prev) => document.body.dataset.rendered && document.body.dataset.rendered !== prev, previous ?? null, { timeout: 60000 });
}

export const rendered = (page) => page.evaluate(() => document.body.dataset.rendered ?? null);

/**
 * Whether the graph is drawn where the reader sees it: every node inside the canvas, at
 * a readable zoom. Fitted to a hidden stage (Back from the console did that), it was a
 * blank canvas at the smallest zoom. which: "page" (Explore and Trace) or "console".
 */
export const inView = (page, which = "page") => page.evaluate((which) => {
  const cy = which === "console" ? window.newsgraph.console.view.cy : window.newsgraph.view.cy;
  const bb = cy.nodes().renderedBoundingBox({ includeLabels: false });
  const c = cy.container().getBoundingClientRect();
  return { zoom: cy.zoom() >= 0.5, inside: bb.x1 >= 0 && bb.y1 >= 0 && bb.x2 <= c.width && bb.y2 <= c.height };
}, which);

/** Pages in everything the neighbourhood left for "more" pages. */
export async function pageInRest(page) {
  for (const pending of await page.evaluate(() => window.newsgraph.model.remaining())) {
    await page.evaluate((x) => window.newsgraph.more(x), pending);
  }
}

/** Answers a routed request as the server does while Neo4j is away: a 503 problem. */
export const neo4jDown = (route) => route.fulfill({
  status: 503, contentType: "application/problem+json",
  body: JSON.stringify({ type: "https://newsgraph.dev/problems/unavailable", title: "Service Unavailable", status: 503, detail: "Neo4j cannot be reached.", code: "unavailable" }),
});

/** The status line's text, or "" while it is hidden. */
export const statusText = (page) => page.evaluate(() => (document.querySelector("#status").hidden ? "" : document.querySelector("#status").textContent));

/** The model's nodes and relationships as the page holds them (ids, names, types). */
export function graphOf(page) {
  return page.evaluate(() => {
    const app = window.newsgraph;
    const m = app.activeModel();
    return {
      nodes: [...m.nodes.values()].map((n) => ({ id: n.id, key: n.key, name: n.name, labels: n.labels, properties: n.properties })),
      rels: [...m.rels.values()].map((r) => ({ id: r.id, type: r.type, start: r.start, end: r.end, status: r.status })),
      drawnNodes: app.view.cy.nodes().not(".more").length,
      drawnEdges: app.view.cy.edges().not(".more").length,
      remaining: m.remaining(),
    };
  });
}

/**
 * The page coordinates of a node, or of an edge's midpoint, on the canvas. A node is
 * clicked a pixel off its exact centre, as a pointer would be: Cytoscape's polygon hit
 * test casts its ray from the point, and from a diamond's exact centre that ray can run
 * through two corners and miss the node (the investment, once the layout put it there).
 */
export async function screenPoint(page, id, canvas = "#graph") {
  return page.evaluate(([id, canvas]) => {
    const cy = canvas === "#graph" ? window.newsgraph.view.cy : null;
    const el = cy.getElementById(id);
    const p = el.isNode() ? el.renderedPosition() : el.renderedMidpoint();
    const off = el.isNode() ? 1 : 0;
    const box = document.querySelector(canvas).getBoundingClientRect();
    return { x: box.left + p.x + off, y: box.top + p.y + off };
  }, [id, canvas]);
}

/** Centres an element in view first, so that it is on screen and not under another. */
export async function bringIntoView(page, id) {
  await page.evaluate((id) => {
    const cy = window.newsgraph.view.cy;
    cy.zoom(1.2);
    cy.center(cy.getElementById(id));
  }, id);
}
