// Defects found by the front-end audit of 2026-11-24, each as a reader met it, in real
// headless Chromium against the real server (scripts/e2e.sh).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { BASE, launch, newPage, shot } from "./helpers.mjs";

let browser;
let page;
const errors = [];

before(async () => {
  browser = await launch();
  page = await newPage(browser, errors);
});
after(async () => {
  await browser?.close();
  assert.deepEqual(errors, [], "the page threw uncaught errors");
});

describe("console", () => {
  it("places a syntax error where it is in the editor when the query starts with blank lines", async () => {
    await page.goto(BASE + "/?view=console");
    await page.waitForSelector("#console .cm-content");
    await page.click("#console .cm-content");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter");
    await page.keyboard.type("  MATCH (n) RETRN n");
    await page.keyboard.press("Control+Enter");
    await page.waitForSelector("#console .console-message.error");
    const got = await page.evaluate(() => ({
      message: document.querySelector("#console .console-message strong")?.textContent,
      marked: document.querySelector("#console .cm-lintRange-error")?.textContent,
    }));
    await shot(page, "audit-console-leading-lines");
    // The editor's line 3, column 13 (two spaces, then MATCH (n) ), where RETRN stands.
    assert.equal(got.message, "Syntax error at line 3, column 13: ");
    assert.equal(got.marked, "RETRN");
  });
});
