// The defects a first-time user's audit of the page found (page-audit), each as the
// reader met it, in real headless Chromium against the real server (scripts/e2e.sh).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { BASE, launch, newPage, shot, waitRendered } from "./helpers.mjs";

let browser;
let page;
const errors = [];

before(async () => {
  browser = await launch();
  page = await newPage(browser, errors, { width: 1280, height: 800 });
});
after(async () => {
  await browser?.close();
  assert.deepEqual(errors, [], "the page threw uncaught errors");
});

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
