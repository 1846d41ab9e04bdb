// Follow-ups of the first-user audit (page-followups): what it found and left, each as
// the reader meets it, in real headless Chromium against the real server (scripts/e2e.sh).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { BASE, inView, newPage, pageInRest, screenPoint, shot, waitRendered, withBrowser } from "./helpers.mjs";

let browser;
let page;
const errors = [];

withBrowser(errors, (b, p) => ([browser, page] = [b, p]), { width: 1280, height: 800 });

/** Text without the bidi isolates the page puts around names (U+2068 … U+2069). */
const plain = (s) => (s ?? "").replace(/[\u2068\u2069]/g, "");

describe("a link with one end of a trace", () => {
  it("names that end in its box, not by its id", async () => {
    await page.goto(BASE + "/?view=paths&from_id=meta");
    await page.waitForSelector("#trace-from");
    // The name comes from the API: wait for it, and fail on the raw id.
    await page.waitForFunction(() => document.querySelector("#trace-from").value === "Meta", null, { timeout: 10000 })
      .catch(() => undefined);
    assert.equal(await page.inputValue("#trace-from"), "Meta");
    assert.equal(await page.inputValue("#trace-to"), "");
    await page.goto(BASE + "/?view=paths&to_id=mercor");
    await page.waitForFunction(() => document.querySelector("#trace-to").value === "Mercor", null, { timeout: 10000 })
      .catch(() => undefined);
    assert.equal(await page.inputValue("#trace-to"), "Mercor");
    await shot(page, "followups-trace-one-end");
  });
});

describe("a link with a value the page cannot show", () => {
  it("is corrected in place to what the page shows (depth out of range)", async () => {
    await page.goto(BASE + "/");
    await page.waitForSelector("#welcome:not([hidden])");
    const before = await page.evaluate(() => history.length);
    await page.goto(BASE + "/?entity=meta&depth=9");
    await waitRendered(page, null);
    assert.equal(await page.inputValue("#filters select[name=depth]"), "1", "the selector shows depth 1");
    const q = new URL(page.url()).searchParams;
    assert.equal(q.get("entity"), "meta");
    assert.equal(q.get("depth"), null, `the URL says what the page shows: ${page.url()}`);
    // Corrected with replaceState: Back leaves the page, as it would have without it.
    assert.equal(await page.evaluate(() => history.length), before + 1, "no history entry of its own");
  });

  it("keeps a link that is already what the page shows as it is", async () => {
    const url = BASE + "/?entity=meta&depth=2&status=reported";
    await page.goto(url);
    await waitRendered(page, null);
    assert.equal(page.url(), url);
  });
});

describe("a conflict's facts", () => {
  it("read as a trace's hops, start —TYPE→ end, not as a run-on sentence", async () => {
    await page.goto(BASE + "/?entity=meta");
    await waitRendered(page, null);
    await page.click("#tab-conflicts");
    // The conflicts come in their own answer: wait for them rather than read an empty list.
    await page.waitForSelector("#conflicts .side button[data-rel]");
    const texts = (await page.locator("#conflicts .side > ul > li:not(.fact-group) > button.link").allTextContents()).map(plain);
    assert.ok(texts.length > 0);
    for (const t of texts) assert.match(t, /^\S.* —[A-Z_]+→ \S.*$/, `a fact link: ${t}`);
    // A fact node's hops follow its name, once: the name is not said again in each.
    const hops = page.locator("#conflicts .side li.fact-group ul.hops button[data-rel]");
    const hopTexts = (await hops.allTextContents()).map(plain);
    assert.ok(hopTexts.length > 0);
    for (const t of hopTexts) assert.match(t, /^—[A-Z_]+→ \S.*$/, `a hop link: ${t}`);
    assert.ok(hopTexts.some((t) => /^—AGAINST→ Vladislav Bakayev$/.test(t)), hopTexts.join(" | "));
    // A screen reader still hears the whole fact.
    assert.match(plain(await hops.first().getAttribute("aria-label")), /^\S.* —[A-Z_]+→ \S.*$/);
    await shot(page, "followups-conflict-facts");
  });

  it("name each claim once per account, however many parties it touches", async () => {
    await page.goto(BASE + "/?entity=tbd-labs");
    await waitRendered(page, null);
    await page.click("#tab-conflicts");
    await page.waitForSelector("#conflicts .side button[data-rel]");
    const perSide = await page.evaluate(() => [...document.querySelectorAll("#conflicts .side")].map((side) => side.textContent));
    for (const text of perSide) {
      // The Ling account's claim about Customer A's data is against Ling and concerns three things.
      const claim = "Ling kept data for winning Customer A on his own drive";
      if (text.includes(claim)) assert.equal(text.split(claim).length - 1, 1, `said once: ${claim}`);
    }
    const group = page.locator("#conflicts li.fact-group", { hasText: "Ling kept data for winning Customer A" }).first();
    assert.deepEqual((await group.locator("ul.hops button[data-rel]").allTextContents()).map(plain).sort(),
      ["—AGAINST→ Eugene Ling", "—CONCERNS→ Customer A", "—CONCERNS→ Eugene Ling's personal Google Drive", "—CONCERNS→ Scale AI's confidential information"]);
    // Its evidence note once, not once per hop.
    const notes = await group.locator(".evidence-note").allTextContents();
    assert.equal(new Set(notes).size, notes.length, notes.join(" | "));
    // The claim's name opens it.
    const r = await page.evaluate(() => document.body.dataset.rendered);
    await group.locator("button.fact-name").click();
    await waitRendered(page, r);
    assert.match(page.url(), /entity=claim-ling-held-customer-a-data/);
  });

  it("Back from a fact opened from the Conflicts tab comes back to that tab", async () => {
    await page.goto(BASE + "/?entity=meta");
    await waitRendered(page, null);
    await page.click("#tab-conflicts");
    const fact = page.locator("#conflicts .side li > button.link").filter({ hasText: /—AGAINST→ Vladislav Bakayev/ }).first();
    let r = await page.evaluate(() => document.body.dataset.rendered);
    await fact.click();
    await waitRendered(page, r);
    assert.match(page.url(), /entity=claim-bakayev-abused-position/);
    assert.equal(await page.isVisible("#details"), true, "the fact shows in Details");
    r = await page.evaluate(() => document.body.dataset.rendered);
    await page.goBack();
    await waitRendered(page, r);
    assert.match(page.url(), /entity=meta/);
    await page.waitForFunction(() => document.body.dataset.tab === "conflicts", null, { timeout: 10000 }).catch(() => undefined);
    assert.equal(await page.isVisible("#conflicts"), true, "Back shows the Conflicts tab again");
    assert.equal(await page.getAttribute("#tab-conflicts", "aria-selected"), "true");
    // Forward goes to the fact's Details again.
    r = await page.evaluate(() => document.body.dataset.rendered);
    await page.goForward();
    await waitRendered(page, r);
    await page.waitForFunction(() => document.querySelector("#details h2")?.textContent?.startsWith("AGAINST"));
    assert.equal(await page.isVisible("#details"), true, "Forward shows the fact in Details");
  });

  it("and so does a mention's fact on screen, in the Details panel", async () => {
    // The account's mention of Eugene Ling lists the facts it reports; his OWNS of his
    // Google Drive is on screen around him, so it is named by its ends and type.
    await page.goto(BASE + "/?entity=eugene-ling&sel=r%3Ascale-ai-v-mercor--src-ling-account--mentions--eugene-ling");
    await waitRendered(page, null);
    await page.waitForSelector("#details ul.refs button.link");
    const texts = (await page.locator("#details ul.refs button.link").allTextContents()).map(plain);
    assert.ok(texts.includes("Eugene Ling —OWNS→ Eugene Ling's personal Google Drive"), texts.join(" | "));
  });

  it("and a mention's fact off screen reads by its names too, once its source's graph is in", async () => {
    // From the account itself, most facts it reports are not on screen: they read as
    // their keys in words ("ling owns google drive") until the source's graph answers.
    await page.goto(BASE + "/?entity=src-ling-account");
    await waitRendered(page, null);
    await pageInRest(page);
    const id = await page.evaluate(() => [...window.newsgraph.model.rels.values()].find((r) => r.key?.endsWith("--mentions--eugene-ling"))?.id);
    assert.ok(id, "the account mentions Eugene Ling");
    await page.evaluate((rid) => window.newsgraph.selectElement("rel", rid, true), id);
    const offScreen = '#details ul.refs button.link[title^="Show "]';
    await page.waitForSelector(offScreen);
    await page.waitForFunction((sel) => [...document.querySelectorAll(sel)].every((b) => b.textContent !== b.title.slice(5).replace(/-/g, " ")), offScreen, { timeout: 15000 })
      .catch(() => undefined);
    const refs = await page.$$eval(offScreen, (bs) => bs.map((b) => ({ key: b.title.slice(5), text: b.textContent.replace(/[\u2068\u2069]/g, "") })));
    assert.ok(refs.length > 0, "some facts it reports are off screen");
    for (const r of refs) assert.notEqual(r.text, r.key.replace(/-/g, " "), `${r.key} still reads as its key`);
    const owns = refs.find((r) => r.key === "ling-owns-google-drive");
    assert.equal(owns?.text, "Eugene Ling —OWNS→ Eugene Ling's personal Google Drive");
    // And it still opens the fact.
    await page.locator(offScreen, { hasText: /—OWNS→/ }).first().click();
    await page.waitForFunction(() => /^OWNS/.test(document.querySelector("#details h2")?.textContent ?? ""), null, { timeout: 15000 });
  });
});

describe("the browser tab of a trace", () => {
  it("names the two ends once they are chosen", async () => {
    await page.goto(BASE + "/?view=paths&from_id=meta&to_id=mercor");
    await waitRendered(page, null);
    await page.waitForFunction(() => document.body.dataset.rendered === "paths");
    assert.equal(plain(await page.title()), "Meta → Mercor · newsgraph");
    // A trace that finds nothing names its ends too (they come from the API then).
    await page.goto(BASE + "/?view=paths&from_id=meta&to_id=vladislav-bakayev&hops=1");
    await page.waitForFunction(() => document.body.dataset.rendered === "paths");
    await page.waitForFunction(() => /Bakayev/.test(document.title), null, { timeout: 10000 }).catch(() => undefined);
    assert.equal(plain(await page.title()), "Meta → Vladislav Bakayev · newsgraph");
    // One end only: nothing is traced yet, and the tab says what the page is for.
    await page.goto(BASE + "/?view=paths&from_id=meta");
    await page.waitForSelector("#trace-from");
    assert.equal(plain(await page.title()), "Trace a connection · newsgraph");
  });
});

describe("a node tapped on a phone", () => {
  it("says where its details are, takes the reader there, and goes once they are in sight", async () => {
    // A small phone: on a 390 × 844 one the details' heading shows at the foot of the screen.
    const phone = await newPage(browser, errors, { width: 375, height: 667 });
    try {
      await phone.goto(BASE + "/?entity=scale-ai");
      await waitRendered(phone, null);
      const cue = phone.locator("#details-cue");
      assert.equal(await cue.isVisible(), false, "no cue before a tap");
      // A neighbour of Scale AI (the focus is selected already).
      const [other, another] = await phone.evaluate(() => {
        const m = window.newsgraph.model;
        return [...m.nodes.values()].filter((x) => x.id !== m.focus).slice(0, 2).map((n) => ({ id: n.id, name: n.name }));
      });
      assert.ok(another, "Scale AI has two neighbours on screen");
      const at = await screenPoint(phone, other.id);
      await phone.mouse.click(at.x, at.y);
      await phone.waitForSelector("#details-cue:not([hidden])", { timeout: 5000 });
      assert.equal(plain(await cue.textContent()), `Details: ${other.name} ↓`);
      const bottom = () => phone.evaluate(() => document.querySelector("#details h2").getBoundingClientRect().bottom);
      assert.ok(await bottom() > 667, "the details' heading is below the screen");
      await cue.click();
      await phone.waitForFunction(() => document.querySelector("#details h2").getBoundingClientRect().bottom <= window.innerHeight);
      assert.equal(await cue.isVisible(), false, "the cue goes once used");
      // Scrolled back up, another node tapped: the cue comes back, and scrolling by hand takes it away.
      await phone.evaluate(() => window.scrollTo(0, 0));
      const at2 = await screenPoint(phone, another.id);
      await phone.mouse.click(at2.x, at2.y);
      await phone.waitForSelector("#details-cue:not([hidden])", { timeout: 5000 });
      await phone.evaluate(() => document.querySelector("#details h2").scrollIntoView());
      await phone.waitForSelector("#details-cue", { state: "hidden", timeout: 5000 });
      await shot(phone, "fu-phone-details-cue");
    } finally {
      await phone.close();
    }
  });

  it("shows no cue on a wide screen, where the details are beside the graph", async () => {
    await page.goto(BASE + "/?entity=scale-ai");
    await waitRendered(page, null);
    const id = await page.evaluate(() => [...window.newsgraph.model.nodes.values()].find((n) => n.id !== window.newsgraph.model.focus)?.id);
    assert.ok(id, "Scale AI has a neighbour on screen");
    await page.evaluate((nid) => window.newsgraph.selectElement("node", nid, true), id);
    await page.waitForSelector("#details h2");
    assert.equal(await page.locator("#details-cue").isVisible(), false);
  });
});

describe("the console's result graph", () => {
  it("draws a result of some 30 nodes untangled, with names, and closes the completion list on Ctrl+Enter", async () => {
    await page.goto(BASE + "/?view=console");
    await page.waitForSelector("#console .cm-content");
    await page.click("#console .cm-content");
    // Typed, so that the completion list opens as it does for a reader. Every row, so
    // that the nodes do not depend on the order the database keeps them in: 31 nodes.
    await page.keyboard.type("MATCH (a:Fact)-[r]-(b:Entity) RETURN a, r, b");
    await page.keyboard.press("Control+Enter");
    await page.waitForFunction(() => /^\d+$/.test(document.querySelector("#console").dataset.result ?? ""));
    assert.equal(await page.locator(".cm-tooltip-autocomplete").count(), 0, "the completion list closed when the query ran");
    const drawn = await page.evaluate(() => {
      const cy = window.newsgraph.console.view.cy;
      const nodes = cy.nodes().not(".more");
      const at = nodes.map((n) => n.renderedPosition());
      let closest = Infinity;
      for (let i = 0; i < at.length; i++) {
        for (let j = i + 1; j < at.length; j++) closest = Math.min(closest, Math.hypot(at[i].x - at[j].x, at[i].y - at[j].y));
      }
      // A name is drawn when its font, zoomed, reaches the style's min-zoomed-font-size.
      const font = parseFloat(nodes[0].style("font-size")), least = parseFloat(nodes[0].style("min-zoomed-font-size"));
      return { n: nodes.length, named: font * cy.zoom() >= least, zoom: cy.zoom(), closest };
    });
    assert.ok(drawn.n >= 25, `the result has ${drawn.n} nodes`);
    assert.ok(drawn.named, `the names are drawn (zoom ${drawn.zoom.toFixed(2)})`);
    // The ring around the first node piled the nodes it does not touch on one spot.
    assert.ok(drawn.closest >= 8, `two nodes are ${drawn.closest.toFixed(1)} px apart`);
    assert.deepEqual(await inView(page, "console"), { zoom: true, inside: true });
    await shot(page, "followups-console-graph");
  });
});
