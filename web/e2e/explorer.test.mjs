// The explorer end to end, in real headless Chromium against the real server and Neo4j
// (scripts/e2e.sh starts both): every scenario of issue 5's "Done when", one screenshot
// per step under artifacts/e2e/.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { withStar } from "./db.mjs";
import { BASE, bringIntoView, graphOf, neo4jDown, newPage, rendered, screenPoint, shot, waitRendered, withBrowser } from "./helpers.mjs";

let browser;
let page;
const errors = [];

withBrowser(errors, (b, p) => ([browser, page] = [b, p]));

/** Picks an autocomplete option whose name is exactly `name` after typing `text`. */
async function pick(input, text, name) {
  await page.fill(input, "");
  await page.type(input, text);
  const option = page.locator(".ac-list:not([hidden]) .ac-item", { has: page.locator(".ac-name", { hasText: new RegExp(`^${name}$`) }) }).first();
  await option.waitFor({ timeout: 60000 });
  return option;
}

describe("explorer", () => {
  it("searches for Scale AI and opens it", async () => {
    await page.goto(BASE + "/");
    await page.waitForSelector("#welcome:not([hidden])");
    await shot(page, "01-welcome");
    const option = await pick("#search", "Scale", "Scale AI");
    await shot(page, "02-search-autocomplete");
    const before = await rendered(page);
    await option.click();
    await waitRendered(page, before);
    assert.match(page.url(), /[?&]entity=scale-ai\b/);
    const g = await graphOf(page);
    const focus = g.nodes.find((n) => n.key === "scale-ai");
    assert.ok(focus, "Scale AI is on the canvas");
    assert.ok(g.drawnNodes > 5, `the neighbourhood has ${g.drawnNodes} nodes`);
    await page.waitForFunction(() => document.querySelector("#details h2")?.textContent?.includes("Scale AI"));
    await shot(page, "03-scale-ai");
  });

  it("expands the investment and Meta, then reads the investment's amount, stake and source", async () => {
    let g = await graphOf(page);
    const investment = g.nodes.find((n) => n.labels.includes("Investment"));
    assert.ok(investment, "the investment fact is a neighbour of Scale AI");
    // Double-click the investment to expand it: Meta, the investor, comes in.
    await bringIntoView(page, investment.id);
    const p = await screenPoint(page, investment.id);
    await page.mouse.dblclick(p.x, p.y);
    await page.waitForFunction(() => !!window.newsgraph.model.byKey("node", "meta"));
    g = await graphOf(page);
    const meta = g.nodes.find((n) => n.key === "meta");
    const countBefore = g.drawnNodes;
    // Select Meta on the canvas, then use the Expand button.
    await bringIntoView(page, meta.id);
    const m = await screenPoint(page, meta.id);
    await page.mouse.click(m.x, m.y);
    await page.waitForFunction(() => document.querySelector("#details h2")?.textContent?.startsWith("Meta"));
    await page.click("#btn-expand");
    await page.waitForFunction((n) => window.newsgraph.view.cy.nodes().not(".more").length > n, countBefore);
    g = await graphOf(page);
    assert.ok(g.nodes.some((n) => n.key === "tbd-labs"), "expanding Meta brings in TBD Labs");
    await page.click("#btn-fit");
    await shot(page, "04-expanded-meta");

    // Undo takes the expansion back; expanding again restores it.
    await page.click("#btn-undo");
    await page.waitForFunction(() => !window.newsgraph.model.byKey("node", "tbd-labs"));
    await page.click("#btn-undo");
    await page.waitForFunction(() => !window.newsgraph.model.byKey("node", "meta"));
    await bringIntoView(page, investment.id);
    const p2 = await screenPoint(page, investment.id);
    await page.mouse.dblclick(p2.x, p2.y);
    await page.waitForFunction(() => !!window.newsgraph.model.byKey("node", "meta"));

    // Open the investment's INVESTOR edge (investment -> Meta).
    g = await graphOf(page);
    const edge = g.rels.find((r) => r.type === "INVESTOR" && r.start === investment.id);
    assert.ok(edge, "the INVESTOR edge is drawn");
    await bringIntoView(page, edge.id);
    const e = await screenPoint(page, edge.id);
    await page.mouse.click(e.x, e.y);
    await page.waitForFunction(() => document.querySelector("#details h2")?.textContent?.startsWith("INVESTOR"));
    const details = await page.textContent("#details");
    assert.match(details, /\$14\.3 billion/, "the amount is shown");
    assert.match(details, /49%/, "the stake is shown");
    const sources = await page.locator("#details .evidence-source").allTextContents();
    assert.ok(sources.length > 0 && sources.every((s) => s.trim()), `sources are listed: ${JSON.stringify(sources)}`);
    assert.match(page.url(), /[?&]sel=r%3A/);
    await page.click("#btn-fit");
    await shot(page, "05-investment-evidence");
  });

  it("hides allegations and the graph changes", async () => {
    await page.goto(BASE + "/?entity=scale-ai");
    await waitRendered(page, null);
    const before = await graphOf(page);
    const alleged = before.rels.filter((r) => r.status && r.status !== "reported");
    assert.ok(alleged.length > 0, "Scale AI's neighbourhood has allegations");
    await shot(page, "06-with-allegations");
    const r = await rendered(page);
    await page.click("#only-reported");
    await waitRendered(page, r);
    const afterToggle = await graphOf(page);
    assert.equal(afterToggle.rels.filter((x) => x.status && x.status !== "reported").length, 0, "no allegation is left");
    assert.ok(afterToggle.drawnEdges < before.drawnEdges, `edges went from ${before.drawnEdges} to ${afterToggle.drawnEdges}`);
    assert.match(page.url(), /status=reported/);
    await shot(page, "07-allegations-hidden");
    // Back restores the allegations (the filters live in the URL).
    const r2 = await rendered(page);
    await page.goBack();
    await waitRendered(page, r2);
    assert.equal((await graphOf(page)).drawnEdges, before.drawnEdges);
  });

  it("exports the view as PNG and SVG and the data as JSON and CSV", async () => {
    const g = await graphOf(page);
    const saved = {};
    for (const kind of ["png", "svg", "json", "csv"]) {
      await page.click("#export-menu summary");
      const [download] = await Promise.all([page.waitForEvent("download"), page.click(`[data-export="${kind}"]`)]);
      const path = await download.path();
      saved[kind] = readFileSync(path);
      assert.match(download.suggestedFilename(), new RegExp(`\\.${kind}$`));
    }
    assert.deepEqual([...saved.png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "a PNG file");
    assert.match(saved.svg.toString("utf8"), /<svg[\s\S]*<\/svg>/);
    const json = JSON.parse(saved.json.toString("utf8"));
    assert.equal(json.nodes.length, g.nodes.length);
    assert.equal(json.relationships.length, g.rels.length);
    const csv = saved.csv.toString("utf8").trim().split("\r\n");
    assert.equal(csv[0].split(",")[0], "kind");
    assert.equal(csv.length, 1 + g.nodes.length + g.rels.length);
  });

  it("traces the path from Meta to Mercor with each hop's evidence", async () => {
    await page.click('.modes button[data-mode="paths"]');
    await (await pick("#trace-from", "Meta", "Meta")).click();
    await (await pick("#trace-to", "Mercor", "Mercor")).click();
    const r = await rendered(page);
    await page.click("#trace-go");
    await waitRendered(page, r);
    const hops = page.locator("#details .hop");
    assert.ok((await hops.count()) > 0, "the path has hops");
    const first = await hops.first().textContent();
    assert.match(first, /^Meta/, "the path starts at Meta");
    const last = await page.locator("#details ol.paths > li:first-child .hop").last().textContent();
    assert.match(last, /Mercor/, "the path ends at Mercor");
    assert.ok((await page.locator("#details .hop .evidence-item, #details .hop .muted").count()) >= (await hops.count()), "every hop shows its evidence");
    assert.match(page.url(), /view=paths.*from_id=meta.*to_id=mercor/);
    await shot(page, "08-path-meta-mercor");
  });

  it("runs a Cypher query and shows table and graph", async () => {
    await page.click('.modes button[data-mode="console"]');
    await page.waitForSelector("#console .cm-content");
    await page.click("#console .cm-content");
    await page.keyboard.type("MATCH (f:Fact)-[r:INVESTOR|INVESTEE]->(o:Organization) RETURN f, r, o LIMIT 10");
    await page.keyboard.press("Control+Enter");
    await page.waitForFunction(() => /^\d+$/.test(document.querySelector("#console").dataset.result ?? ""));
    await page.click('.result-tabs [data-tab="graph"]');
    const drawn = await page.evaluate(() => document.querySelector("#console .console-graph canvas") !== null);
    assert.ok(drawn, "the result graph is drawn");
    await shot(page, "09-cypher-graph");
    await page.click('.result-tabs [data-tab="table"]');
    const rows = await page.locator("#console .result-table tbody tr").count();
    assert.ok(rows >= 2, `the table has ${rows} rows`);
    const head = await page.locator("#console .result-table thead th").allTextContents();
    assert.deepEqual(head, ["f", "r", "o"]);
    await shot(page, "10-cypher-table");
  });

  it("explains the refusal of a write query", async () => {
    await page.click("#console .cm-content");
    await page.keyboard.press("Control+A");
    await page.keyboard.type("CREATE (n:Intruder {name: 'x'}) RETURN n");
    await page.click("#cypher-run");
    await page.waitForSelector("#console .console-message.refused");
    const msg = await page.textContent("#console .console-message");
    assert.match(msg, /refused/i);
    await shot(page, "11-cypher-refused");
    // A syntax error is marked where Neo4j found it.
    await page.click("#console .cm-content");
    await page.keyboard.press("Control+A");
    await page.keyboard.type("MATCH (n RETURN n");
    await page.click("#cypher-run");
    await page.waitForSelector("#console .console-message.error");
    assert.match(await page.textContent("#console .console-message"), /line \d+, column \d+/);
    await page.waitForSelector("#console .cm-lintRange-error");
    assert.equal(await page.textContent("#console .cm-lintRange-error"), "RETURN", "the editor underlines where Neo4j stopped");
    // It stays until the query is edited (the editor's own linter must not wipe it).
    await page.waitForTimeout(1500);
    assert.equal(await page.textContent("#console .cm-lintRange-error"), "RETURN", "the underline is still there");
    await shot(page, "12-cypher-syntax-error");
  });

  it("shares a console link that fills the editor without running", async () => {
    await page.click("#console .cm-content");
    await page.keyboard.press("Control+A");
    await page.keyboard.type("MATCH (n:Organization) RETURN n.name LIMIT 3");
    await page.click("#cypher-share");
    const link = await page.inputValue("#console .share-url");
    assert.match(link, /view=console/);
    const other = await newPage(browser, errors);
    await other.goto(link);
    await other.waitForSelector("#console .cm-content");
    await other.waitForFunction(() => document.querySelector("#console .cm-content").textContent.includes("LIMIT 3"));
    await other.waitForTimeout(500);
    assert.equal(await other.evaluate(() => document.querySelector("#console").dataset.result ?? null), null, "the shared query did not run");
    assert.equal(await other.textContent("#console .console-message"), "Not run yet: read the query, then press Run (Ctrl+Enter).", "and says so");
    await shot(other, "13-shared-console-link");
    await other.context().close();
  });

  it("reloads a copied link and gets the same view", async () => {
    await page.goto(BASE + "/?entity=scale-ai&depth=2&status=reported,alleged");
    await waitRendered(page, null);
    const g = await graphOf(page);
    const edge = g.rels.find((r) => r.status === "alleged");
    assert.ok(edge, "an alleged edge to select");
    await bringIntoView(page, edge.id);
    const e = await screenPoint(page, edge.id);
    await page.mouse.click(e.x, e.y);
    await page.waitForFunction(() => /[?&]sel=/.test(location.search));
    const link = page.url();
    const panel = await page.textContent("#details h2");
    const other = await newPage(browser, errors);
    await other.goto(link);
    await waitRendered(other, null);
    await other.waitForFunction((t) => document.querySelector("#details h2")?.textContent === t, panel);
    const g2 = await graphOf(other);
    assert.deepEqual(g2.nodes.map((n) => n.id).sort(), g.nodes.map((n) => n.id).sort(), "the same nodes");
    assert.deepEqual(g2.rels.map((r) => r.id).sort(), g.rels.map((r) => r.id).sort(), "the same relationships");
    assert.equal(await other.inputValue('#filters select[name="depth"]'), "2");
    assert.equal(await other.isChecked('#filters input[value="denied"]'), false);
    assert.equal(await other.evaluate(() => window.newsgraph.selectedId()), edge.id, "the same selection");
    await shot(other, "14-reloaded-link");
    await other.context().close();
  });

  it("says so when Neo4j is down, and recovers on Retry", async () => {
    // The server's own tests stop Neo4j for real; here the page only has to explain the
    // 503 it gets, so the neighbourhood call is answered with the server's problem shape.
    await page.route("**/api/entities/scale-ai/neighbourhood*", neo4jDown);
    await page.goto(BASE + "/?entity=scale-ai");
    await page.waitForSelector("#status.error");
    assert.match(await page.textContent("#status"), /Neo4j is unavailable/);
    await shot(page, "17-neo4j-down");
    await page.unroute("**/api/entities/scale-ai/neighbourhood*");
    await page.click("#status button");
    await waitRendered(page, null);
    assert.ok((await graphOf(page)).drawnNodes > 1);
  });

  describe("a supernode on a generated graph", () => {
    const N = 300;
    withStar({ hub: "e2e-hub", name: "E2E Hub", prefix: "e2e-", memberName: "Member", dataset: "e2e-supernode", n: N });

    it("shows 'and N more' and pages through it", async () => {
      await page.goto(BASE + "/?entity=e2e-hub");
      await waitRendered(page, null);
      let g = await graphOf(page);
      assert.equal(g.remaining.length, 1, "one group left to page");
      const first = g.remaining[0];
      assert.equal(first.total, N);
      assert.ok(g.drawnNodes < N, `only ${g.drawnNodes} of ${N} neighbours are drawn at first`);
      const stub = `more:${first.node}|${first.type}|${first.direction}`;
      await page.waitForFunction((id) => window.newsgraph.view.cy.getElementById(id).length === 1, stub);
      const label = await page.evaluate((id) => window.newsgraph.view.cy.getElementById(id).data("label"), stub);
      assert.match(label, new RegExp(`^and ${first.remaining} more (\u2068MEMBER_OF\u2069|neighbours)`));
      await shot(page, "15-supernode");
      await bringIntoView(page, stub);
      const p = await screenPoint(page, stub);
      await page.mouse.click(p.x, p.y);
      await page.waitForFunction((n) => window.newsgraph.view.cy.nodes().not(".more").length > n, g.drawnNodes);
      const g2 = await graphOf(page);
      assert.ok(g2.drawnNodes > g.drawnNodes, `paging added nodes: ${g.drawnNodes} -> ${g2.drawnNodes}`);
      assert.equal(g2.remaining[0].remaining, N - g2.remaining[0].next, "the count goes down by the page");
      assert.ok(g2.remaining[0].remaining < first.remaining);
      const label2 = await page.evaluate((id) => window.newsgraph.view.cy.getElementById(id).data("label"), stub);
      assert.match(label2, new RegExp(`and ${g2.remaining[0].remaining} more`));
      await page.click("#btn-fit");
      await shot(page, "16-supernode-paged");
    });
  });
});
