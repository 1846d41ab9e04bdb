// Defects found by the user audit of 2026-11-25, each as a reader met it, in real
// headless Chromium against the real server (scripts/e2e.sh).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { BASE, neo4jDown, shot, statusText, waitRendered, withBrowser } from "./helpers.mjs";

let browser;
let page;
const errors = [];

withBrowser(errors, (b, p) => ([browser, page] = [b, p]));

const plain = (s) => (s ?? "").replace(/[\u2068\u2069]/g, "");

describe("side data that failed while the neighbourhood loaded", () => {
  it("says the conflicts could not be loaded, then loads them by itself", async () => {
    // Only the side requests meet the outage: the neighbourhood passes, so no later
    // load would ask again, and the tab said "The sources do not contradict each other".
    const side = /\/api\/(schema|sources|conflicts)(\?|$)/;
    await page.route(side, neo4jDown);
    await page.goto(BASE + "/?entity=mercor");
    await waitRendered(page, null);
    await page.click("#tab-conflicts");
    await page.waitForSelector("#conflicts p.error");
    const said = plain(await page.textContent("#conflicts"));
    assert.match(said, /could not be loaded/);
    assert.doesNotMatch(said, /do not contradict/);
    await shot(page, "useraudit-conflicts-failed");
    await page.unroute(side, neo4jDown);
    // No click: the page asks again within seconds.
    await page.waitForFunction(() => document.querySelector("#conflict-count").textContent !== "", null, { timeout: 15000 });
    await page.waitForSelector("#conflicts article.conflict");
    assert.ok((await page.locator("#filters input[name=types]").count()) > 0, "the type filters are there");
    assert.ok(await page.evaluate(() => window.newsgraph.view.cy.nodes(".conflict").length) > 0, "the conflict rings are drawn");
  });

  it("loads them on the tab's Retry", async () => {
    const side = /\/api\/conflicts(\?|$)/;
    await page.route(side, neo4jDown);
    await page.goto(BASE + "/?entity=mercor");
    await waitRendered(page, null);
    await page.click("#tab-conflicts");
    await page.waitForSelector("#conflicts p.error button");
    await page.unroute(side, neo4jDown);
    await page.click("#conflicts p.error button");
    await page.waitForSelector("#conflicts article.conflict", { timeout: 10000 });
  });
});

describe("a shared trace link", () => {
  it("with one entity at both ends says so as the form does, with no Retry", async () => {
    await page.goto(BASE + "/?view=paths&from_id=meta&to_id=meta");
    await page.waitForSelector("#status.error");
    assert.equal(plain(await statusText(page)), "Both ends of this trace are the same entity: pick two different entities to trace between.");
    assert.equal(await page.locator("#status button").count(), 0, "a Retry could only fail again");
    await shot(page, "useraudit-trace-same-ends");
  });
});

describe("a link that names an entity by its name", () => {
  it("offers the entity it names", async () => {
    await page.goto(BASE + "/?entity=Scale%20AI");
    await page.waitForSelector("#status.error button.link");
    assert.match(plain(await statusText(page)), /^There is no entity “Scale AI”\. Try the search box\. Did you mean Scale AI\?$/);
    await shot(page, "useraudit-entity-by-name");
    const r = await page.evaluate(() => document.body.dataset.rendered ?? null);
    await page.click("#status button.link");
    await waitRendered(page, r);
    assert.match(page.url(), /[?&]entity=scale-ai\b/);
  });

  it("offers nothing for an element id that names nothing", async () => {
    await page.goto(BASE + "/?entity=4:00000000-0000-0000-0000-000000000000:999999");
    await page.waitForSelector("#status.error");
    // The search, were it asked, answers within a second.
    await page.waitForTimeout(1500);
    assert.equal(await page.locator("#status button").count(), 0);
  });
});

describe("the search box after Back", () => {
  /** Picks each text's first hit with Enter, as a keyboard user does. */
  async function pickWithEnter(picks) {
    for (const [text, key] of picks) {
      await page.fill("#search", "");
      await page.type("#search", text);
      await page.waitForFunction((t) => document.querySelector(".ac-list:not([hidden]) .ac-item .ac-name")?.textContent === t, text);
      const r = await page.evaluate(() => document.body.dataset.rendered ?? null);
      await page.press("#search", "Enter");
      await waitRendered(page, r);
      assert.match(page.url(), new RegExp(`[?&]entity=${key}\\b`));
    }
  }

  it("is cleared when the entity picked with Enter is no longer shown, the focus still in it", async () => {
    await page.goto(BASE + "/");
    await page.waitForSelector("#welcome:not([hidden])");
    await pickWithEnter([["Meta", "meta"], ["Mercor", "mercor"]]);
    assert.equal(await page.evaluate(() => document.activeElement?.id), "search", "the focus stayed in the box");
    const r = await page.evaluate(() => document.body.dataset.rendered);
    await page.goBack();
    await waitRendered(page, r);
    assert.match(page.url(), /[?&]entity=meta\b/);
    assert.equal(await page.inputValue("#search"), "", "the box no longer names Mercor");
  });

  it("keeps what the reader is typing", async () => {
    await page.goto(BASE + "/");
    await page.waitForSelector("#welcome:not([hidden])");
    await pickWithEnter([["Meta", "meta"], ["Mercor", "mercor"]]);
    await page.fill("#search", "Sca");
    const r = await page.evaluate(() => document.body.dataset.rendered);
    await page.goBack();
    await waitRendered(page, r);
    assert.equal(await page.inputValue("#search"), "Sca");
  });
});

describe("search hits", () => {
  it("call a denial a Denial, not a Fact", async () => {
    await page.goto(BASE + "/");
    await page.fill("#search", "");
    await page.type("#search", "midha denies");
    const hit = page.locator(".ac-list:not([hidden]) .ac-item", { hasText: "denies" }).first();
    await hit.waitFor();
    assert.equal(plain(await hit.locator(".ac-label").textContent()), "Denial");
  });
});

describe("a console query that takes long", () => {
  it("can be stopped, and the console runs the next one", async () => {
    await page.goto(BASE + "/?view=console");
    await page.waitForSelector("#console .cm-content");
    await page.click("#console .cm-content");
    // Some seconds of work on the built-in dataset: 42^4 combinations.
    await page.keyboard.type("MATCH (a), (b), (c), (d) WHERE a.name + b.name + c.name + d.name = 'x' RETURN count(*) AS n");
    await page.click("#cypher-run");
    await page.waitForSelector("#cypher-stop:not([hidden])");
    assert.equal(await page.isDisabled("#cypher-run"), true, "Run waits while a query runs");
    await page.click("#cypher-stop");
    assert.match(await page.textContent("#console .console-message"), /^Stopped/);
    assert.equal(await page.isDisabled("#cypher-run"), false);
    assert.equal(await page.isHidden("#cypher-stop"), true);
    await shot(page, "useraudit-console-stopped");
    // The stopped query's answer, should it come, changes nothing.
    await page.waitForTimeout(500);
    assert.match(await page.textContent("#console .console-message"), /^Stopped/);
    await page.click("#console .cm-content");
    await page.keyboard.press("Control+A");
    await page.keyboard.type("RETURN 1 AS x");
    await page.click("#cypher-run");
    await page.waitForFunction(() => /^1 row/.test(document.querySelector("#console .console-message")?.textContent ?? ""), null, { timeout: 20000 });
  });
});

describe("a database whose relationships have no status", () => {
  it("offers no status filter, which could only hide every relationship", async () => {
    // Another database than newsgraph's, as the schema describes it.
    await page.route(/\/api\/schema(\?|$)/, async (route) => {
      const response = await route.fetch();
      const schema = await response.json();
      schema.property_keys = schema.property_keys.filter((k) => k !== "status");
      await route.fulfill({ response, json: schema });
    });
    await page.goto(BASE + "/?entity=mercor");
    await waitRendered(page, null);
    await page.waitForSelector('#filters fieldset[data-filter="status"][disabled]');
    assert.match(await page.textContent('#filters fieldset[data-filter="status"]'), /No relationship in this database has a status/);
    assert.equal(await page.isDisabled("#only-reported"), true);
    await page.unroute(/\/api\/schema(\?|$)/);
  });
});

describe("a database that records no sources", () => {
  it("does not say under every edge that no source is recorded, nor promise sources", async () => {
    // Another database than newsgraph's, as /api/sources describes it.
    const list = /\/api\/sources(\?|$)/;
    await page.route(list, (route) => route.fulfill({ json: { sources: [], total: 0, limit: 100, offset: 0 } }));
    await page.goto(BASE + "/");
    await page.waitForSelector("#welcome:not([hidden])");
    await page.waitForFunction(() => window.newsgraph.sideLoading === null);
    assert.doesNotMatch(await page.textContent("#welcome"), /Every edge carries its sources/);
    // A conflict's INVOLVES records no source of its own.
    await page.goto(BASE + "/?entity=conflict-former-employee");
    await waitRendered(page, null);
    const id = await page.evaluate(() => [...window.newsgraph.model.rels.values()].find((r) => r.type === "INVOLVES")?.id);
    assert.ok(id, "an INVOLVES relationship is on screen");
    await page.evaluate((rid) => window.newsgraph.selectElement("rel", rid, true), id);
    await page.waitForFunction(() => /^INVOLVES/.test(document.querySelector("#details h2")?.textContent ?? ""));
    const details = await page.textContent("#details");
    assert.doesNotMatch(details, /No source is recorded|Sources and evidence/);
    await page.unroute(list);
  });
});
