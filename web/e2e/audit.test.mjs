// Defects found by the front-end audit of 2026-11-24, each as a reader met it, in real
// headless Chromium against the real server (scripts/e2e.sh).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { withStar } from "./db.mjs";
import {
  BASE, bringIntoView, inView, neo4jDown, newPage, rendered, screenPoint, shot, statusText, waitRendered, withBrowser,
} from "./helpers.mjs";

let browser;
let page;
const errors = [];

withBrowser(errors, (b, p) => ([browser, page] = [b, p]));

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
    assert.equal(got.message, "Error at line 3, column 13: ");
    // Neo4j's own message, without the position and the caret the editor shows.
    const text = await page.textContent("#console .console-message");
    assert.match(text, /RETRN/);
    assert.doesNotMatch(text, /\^|offset:/, text);
    assert.equal(got.marked, "RETRN");
  });

  it("tells history entries of one query apart by their parameters, and says how to see more rows", async () => {
    await page.goto(BASE + "/?view=console");
    await page.waitForSelector("#console .cm-content");
    for (const id of ["meta", "mercor"]) {
      const before = await page.evaluate(() => document.querySelector("#console").dataset.result ?? "");
      await page.evaluate((id) => window.newsgraph.console.setText("MATCH (n {id: $id}) RETURN n.name AS name", JSON.stringify({ id })), id);
      await page.click("#cypher-run");
      await page.waitForFunction((b) => (document.querySelector("#console").dataset.result ?? "") !== b, before);
    }
    const entries = await page.evaluate(() => [...document.querySelectorAll("#history li")].slice(0, 2).map((li) => li.textContent));
    assert.equal(new Set(entries).size, 2, `two entries that read alike: ${JSON.stringify(entries)}`);
    assert.ok(entries.every((e) => / with \{"id":/.test(e)), JSON.stringify(entries));

    const before = await page.evaluate(() => document.querySelector("#console").dataset.result ?? "");
    await page.fill("#console input[type=number]", "3");
    await page.evaluate(() => window.newsgraph.console.setText("UNWIND range(1, 10) AS x RETURN x", ""));
    await page.click("#cypher-run");
    await page.waitForFunction((b) => (document.querySelector("#console").dataset.result ?? "") !== b, before);
    assert.match(await page.textContent("#console .console-message"), /truncated at the row limit of 3: raise it/);
  });

  it("goes back to the Graph tab for a result with a graph after it switched to Table by itself", async () => {
    await page.goto(BASE + "/?view=console");
    await page.waitForSelector("#console .cm-content");
    const tab = () => page.evaluate(() => document.querySelector("#console .result-tabs [aria-selected=true]").textContent);
    const run = async (q) => {
      const before = await page.evaluate(() => document.querySelector("#console").dataset.result ?? "");
      await page.evaluate((q) => window.newsgraph.console.setText(q, ""), q);
      await page.click("#cypher-run");
      await page.waitForFunction((b) => (document.querySelector("#console").dataset.result ?? "") !== b && !/^error/.test(document.querySelector("#console").dataset.result), before);
    };
    await run("RETURN 1 AS one");
    assert.equal(await tab(), "Table", "nothing to draw: the table");
    // How long it took, in whole milliseconds (a tenth below 10), not the server's microseconds.
    const said = await page.evaluate(() => document.querySelector("#console .console-message").textContent);
    assert.match(said, /^1 row in (\d{1,3}(,\d{3})*|\d\.\d|\d) ms\.$/, said);
    await run("MATCH (n {id: 'meta'}) RETURN n");
    assert.equal(await tab(), "Graph", "a graph again: drawn");
    // The reader's own choice of the table stays.
    await page.click("#console .result-tabs [data-tab=table]");
    await run("MATCH (n {id: 'mercor'})--(m) RETURN n, m LIMIT 6");
    assert.equal(await tab(), "Table");
    await page.click("#console .result-tabs [data-tab=graph]");
    // Drawn while the table hid the canvas, it is fitted once the canvas shows.
    await page.waitForFunction(() => document.querySelector("#console .console-graph").clientHeight > 0);
    await page.waitForTimeout(200);
    assert.deepEqual(await inView(page, "console"), { zoom: true, inside: true }, "the graph drawn behind the table is in view");
  });

  it("offers no Expand button on a result node, which the console cannot expand", async () => {
    await page.goto(BASE + "/?view=console");
    await page.waitForSelector("#console .cm-content");
    await page.evaluate(() => window.newsgraph.console.setText("MATCH (n {id: 'meta'}) RETURN n", ""));
    await page.click("#cypher-run");
    await page.waitForFunction(() => window.newsgraph.console.graph().nodes.length === 1);
    // The canvas settles (its size follows the message line) before it is clicked.
    await page.waitForTimeout(500);
    const p = await page.evaluate(() => {
      const cy = window.newsgraph.console.view.cy;
      const q = cy.nodes().first().renderedPosition();
      const b = document.querySelector("#console .console-graph").getBoundingClientRect();
      return { x: b.left + q.x + 1, y: b.top + q.y + 1 };
    });
    await page.mouse.click(p.x, p.y);
    await page.waitForFunction(() => /Meta/.test(document.querySelector("#console .console-side h2")?.textContent ?? ""));
    const buttons = await page.evaluate(() => [...document.querySelectorAll("#console .console-side button")].map((b) => b.textContent));
    assert.ok(!buttons.includes("Expand"), `buttons: ${buttons.join(", ")}`);
    assert.ok(buttons.includes("Open as focus"), "it can still be opened in the explorer");
  });
});

describe("paging from the Details panel", () => {
  const N = 120;
  withStar({ hub: "e2e-audit-hub", name: "Audit Hub", prefix: "e2e-audit-", memberName: "Audit member", dataset: "e2e-audit", n: N });

  it("each click on a type's count loads the next page, down to the last, as the stub does", async () => {
    await page.goto(BASE + "/?entity=e2e-audit-hub");
    await waitRendered(page, null);
    const count = page.locator("#details .counts button", { hasText: "MEMBER_OF" });
    await count.waitFor();
    const left = () => page.evaluate(() => window.newsgraph.model.remaining().reduce((a, p) => a + p.remaining, 0));
    const drawn = () => page.evaluate(() => window.newsgraph.model.nodes.size - 1);
    let before = await left();
    assert.ok(before > 0, "the hub starts with neighbours to page through");
    // A keyboard reader pages with the count's button (Enter), not the canvas's stub.
    for (let i = 0; i < 4 && before > 0; i++) {
      await count.focus();
      await page.keyboard.press("Enter");
      await page.waitForFunction((n) => {
        const m = window.newsgraph.model;
        return m.remaining().reduce((a, p) => a + p.remaining, 0) < n;
      }, before, { timeout: 15000 }).catch(() => undefined);
      const now = await left();
      assert.ok(now < before, `click ${i + 1} loaded more: ${before} -> ${now} left (${await statusText(page)})`);
      before = now;
    }
    assert.equal(before, 0, "every neighbour was paged in");
    assert.equal(await drawn(), N);
    await shot(page, "audit-paging-counts");
  });
});

describe("search box on a phone", () => {
  it("keeps the option chosen with the arrow keys in sight when the list scrolls", async () => {
    const phone = await newPage(browser, errors, { width: 375, height: 740 });
    try {
      await phone.goto(BASE + "/");
      // Eight results, some of them long, were taller than the list's box (320 px) on
      // this phone, except in one CI run (2026-11-25) where they fitted it. A lower box
      // makes the list scroll whatever the eight are; what is tested is keeping the
      // chosen one in sight.
      await phone.addStyleTag({ content: ".ac-list { max-height: 160px; }" });
      await phone.click("#search");
      await phone.keyboard.type("ling");
      await phone.waitForSelector(".ac-list:not([hidden]) .ac-item:nth-child(8)");
      const seen = () => phone.evaluate(() => {
        const list = document.querySelector(".ac-list");
        const a = list.querySelector('[aria-selected="true"]');
        const lb = list.getBoundingClientRect(), ab = a.getBoundingClientRect();
        return { scrolls: list.scrollHeight > list.clientHeight, index: [...list.children].indexOf(a), inSight: ab.top >= lb.top - 1 && ab.bottom <= lb.bottom + 1 };
      });
      assert.ok((await seen()).scrolls, "the list is taller than its box at this width");
      // Up from the first wraps to the last, at the bottom of the list.
      await phone.keyboard.press("ArrowUp");
      assert.deepEqual(await seen(), { scrolls: true, index: 7, inSight: true });
      // And Down from the last wraps back to the first, at the top.
      await phone.keyboard.press("ArrowDown");
      assert.deepEqual(await seen(), { scrolls: true, index: 0, inSight: true });
      await shot(phone, "audit-search-phone");
      // A one-word label (Organization, Investment) stays on one line beside a long name;
      // it broke as "Investme/nt".
      await phone.fill("#search", "Scale AI's confidential");
      await phone.waitForFunction(() => document.querySelectorAll(".ac-list:not([hidden]) .ac-label").length > 2);
      const broken = await phone.evaluate(() => [...document.querySelectorAll(".ac-label")]
        .filter((l) => {
          // Its text's line boxes: more than one is a word broken (the item itself
          // stretches to the row's height beside a wrapped name).
          const r = document.createRange();
          r.selectNodeContents(l);
          return !/\s/.test(l.textContent) && new Set([...r.getClientRects()].map((b) => Math.round(b.top))).size > 1;
        })
        .map((l) => l.textContent));
      assert.deepEqual(broken, [], "labels broken across lines");
      await shot(phone, "audit-search-phone-labels");
    } finally {
      await phone.context().close();
    }
  });
});

describe("search box after navigating", () => {
  it("no longer names the entity picked in it once another one is shown", async () => {
    await page.goto(BASE + "/?entity=scale-ai");
    await waitRendered(page, null);
    await page.click("#search");
    await page.keyboard.type("mercor");
    await page.waitForSelector(".ac-list:not([hidden]) .ac-item");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => new URL(location.href).searchParams.get("entity") === "mercor");
    assert.equal(await page.inputValue("#search"), "Mercor", "the picked name stays while its entity is shown");
    await page.locator("#search").blur();
    await page.goBack();
    await page.waitForFunction(() => new URL(location.href).searchParams.get("entity") === "scale-ai");
    assert.equal(await page.inputValue("#search"), "", "after Back to Scale AI the box must not say Mercor");
  });
});

describe("coming back to Explore", () => {
  it("keeps what the reader expanded after a look at Trace or the console, by button or by Back", async () => {
    await page.goto(BASE + "/?entity=meta");
    await waitRendered(page, null);
    const size = () => page.evaluate(() => window.newsgraph.model.nodes.size);
    const first = await size();
    // Expand a neighbour of Meta with the keyboard: select it, press E.
    const neighbour = await page.evaluate(() => {
      const m = window.newsgraph.model;
      return [...m.nodes.values()].find((n) => n.id !== m.focus && n.labels.includes("Entity"))?.id
        ?? [...m.nodes.keys()].find((id) => id !== m.focus);
    });
    await page.evaluate((id) => window.newsgraph.selectElement("node", id, true), neighbour);
    await page.locator("#btn-expand").focus();
    await page.keyboard.press("e");
    await page.waitForFunction((n) => window.newsgraph.model.nodes.size > n, first);
    const expanded = await size();
    const drawn = () => page.evaluate(() => window.newsgraph.view.cy.nodes().not(".more").length);

    await page.click("button[data-mode=paths]");
    await page.waitForFunction(() => document.body.dataset.mode === "paths");
    await page.click("button[data-mode=explore]");
    await page.waitForFunction(() => document.body.dataset.mode === "explore");
    await page.waitForTimeout(500);
    assert.equal(await size(), expanded, "the expansion is still there after Trace and Explore");
    assert.equal(await drawn(), expanded, "and drawn");
    assert.deepEqual(await inView(page), { zoom: true, inside: true }, "in view");

    await page.click("button[data-mode=console]");
    await page.waitForSelector("#console .cm-content");
    await page.goBack();
    await page.waitForFunction(() => document.body.dataset.mode === "explore");
    await page.waitForTimeout(500);
    assert.equal(await size(), expanded, "the expansion is still there after the console and Back");
    assert.equal(await drawn(), expanded);
    assert.deepEqual(await inView(page), { zoom: true, inside: true }, "in view after the console and Back");
    assert.match(await page.title(), /Meta/);
    const selected = await page.evaluate((id) => window.newsgraph.model.nodes.get(id).name, neighbour);
    await page.waitForFunction((name) => document.querySelector("#details h2")?.textContent.startsWith(name), selected, { timeout: 5000 });
    await shot(page, "audit-back-to-explore");
  });

  it("still loads the entity the URL names when another opened meanwhile", async () => {
    await page.goto(BASE + "/?entity=meta");
    await waitRendered(page, null);
    await page.click("button[data-mode=paths]");
    await page.waitForFunction(() => document.body.dataset.mode === "paths");
    // A link to another entity, opened from the trace (the conflicts' "Touches" links do this).
    await page.evaluate(() => window.newsgraph.navigate({ mode: "explore", entity: "mercor", sel: "" }));
    await page.waitForFunction(() => window.newsgraph.model.nodes.get(window.newsgraph.model.focus)?.key === "mercor");
    await page.goBack();
    await page.waitForFunction(() => document.body.dataset.mode === "paths");
    await page.goBack();
    await page.waitForFunction(() => document.body.dataset.mode === "explore" && window.newsgraph.model.nodes.get(window.newsgraph.model.focus)?.key === "meta");
  });
});

describe("a supernode", () => {
  const N = 120;
  withStar({ hub: "e2e-super-hub", name: "Super Hub", prefix: "e2e-super-", memberName: "Super member", dataset: "e2e-super", n: N });
  const left = () => page.evaluate(() => window.newsgraph.model.remaining().reduce((a, p) => a + p.remaining, 0));

  it("pages its neighbours in on Expand (E) when its first ones are shown", async () => {
    await page.goto(BASE + "/?entity=e2e-super-hub&sel=n:e2e-super-hub");
    await waitRendered(page, null);
    const before = await left();
    assert.ok(before > 0, "the hub starts with neighbours to page through");
    await page.locator("#btn-expand").focus();
    await page.keyboard.press("e");
    await page.waitForFunction((n) => window.newsgraph.model.remaining().reduce((a, p) => a + p.remaining, 0) < n, before, { timeout: 15000 }).catch(() => undefined);
    // It said "Super Hub has no other neighbours to show" beside "and 70 more".
    assert.ok((await left()) < before, `Expand paged in more: ${await statusText(page)}`);
    assert.doesNotMatch(await statusText(page), /no other neighbours/);
  });

  it("draws its stub clear of the other nodes and their labels", async () => {
    await page.goto(BASE + "/?entity=e2e-super-hub");
    await waitRendered(page, null);
    const covered = await page.evaluate(() => {
      const cy = window.newsgraph.view.cy;
      const out = [];
      for (const stub of cy.nodes(".more")) {
        const a = stub.boundingBox();
        for (const n of cy.nodes().not(".more")) {
          if (n.id() === stub.data("pending").node) continue;
          const b = n.boundingBox({ includeLabels: true });
          if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) {
            const own = cy.getElementById(stub.data("pending").node).position();
            out.push(`${n.data("label")} at ${JSON.stringify(n.position())} ${JSON.stringify(b)}; stub at ${JSON.stringify(stub.position())} ${JSON.stringify(a)}, its node at ${JSON.stringify(own)}`);
          }
        }
      }
      return out;
    });
    await shot(page, "audit-supernode-stub");
    assert.deepEqual(covered, [], "a stub lies on these nodes");
  });

  it("keeps the node selected when its stub is clicked, so that its buttons stay on", async () => {
    await page.goto(BASE + "/?entity=e2e-super-hub");
    await waitRendered(page, null);
    const stub = await page.evaluate(() => window.newsgraph.view.cy.nodes(".more").first().id());
    assert.ok(stub, "a stub is drawn");
    await bringIntoView(page, stub);
    const before = await left();
    const at = await screenPoint(page, stub);
    await page.mouse.click(at.x, at.y);
    await page.waitForFunction((n) => window.newsgraph.model.remaining().reduce((a, p) => a + p.remaining, 0) < n, before, { timeout: 15000 });
    const state = await page.evaluate(() => ({
      stubSelected: window.newsgraph.view.cy.$(":selected").filter(".more").length,
      expandOff: document.querySelector("#btn-expand").disabled,
    }));
    assert.deepEqual(state, { stubSelected: 0, expandOff: false });
  });
});

describe("an expansion", () => {
  it("brings what it added into view", async () => {
    await page.goto(BASE + "/?entity=scale-ai&sel=n:mercor");
    await waitRendered(page, null);
    const before = await page.evaluate(() => [...window.newsgraph.model.nodes.keys()]);
    await page.locator("#btn-expand").focus();
    await page.keyboard.press("e");
    await page.waitForFunction((n) => window.newsgraph.model.nodes.size > n, before.length);
    await page.waitForTimeout(200);
    const outside = await page.evaluate((had) => {
      const cy = window.newsgraph.view.cy;
      const w = cy.width(), h = cy.height();
      return cy.nodes().not(".more").filter((n) => !had.includes(n.id())).map((n) => n.renderedPosition())
        .filter((p) => p.x < 0 || p.y < 0 || p.x > w || p.y > h).length;
    }, before);
    await shot(page, "audit-expansion-in-view");
    assert.equal(outside, 0, "new neighbours drawn past the canvas's edge");
  });
});

describe("a page opened while Neo4j was away", () => {
  it("loads the conflicts, filters and colours once Neo4j is back", async () => {
    const side = /\/api\/(schema|sources|conflicts)(\?|$)/;
    await page.route(side, neo4jDown);
    await page.route("**/api/entities/scale-ai/neighbourhood*", neo4jDown);
    await page.goto(BASE + "/?entity=scale-ai");
    await page.waitForSelector("#status.error");
    await page.unroute(side, neo4jDown);
    await page.unroute("**/api/entities/scale-ai/neighbourhood*", neo4jDown);
    await page.click("#status button");
    await waitRendered(page, null);
    // It said "The sources do not contradict each other" and offered no filters.
    await page.waitForFunction(() => document.querySelector("#conflict-count").textContent !== "", null, { timeout: 15000 });
    assert.ok((await page.locator("#filters input[name=types]").count()) > 0, "the type filters are there");
    assert.ok(await page.evaluate(() => window.newsgraph.view.cy.nodes(".conflict").length) > 0, "the conflict rings are drawn");
  });
});

describe("a node selected while Neo4j is away", () => {
  it("says its counts could not be loaded, and loads them on Retry", async () => {
    await page.goto(BASE + "/?entity=scale-ai");
    await waitRendered(page, null);
    await page.route("**/api/entities/mercor", neo4jDown);
    await page.evaluate(() => window.newsgraph.selectElement("node", [...window.newsgraph.model.nodes.values()].find((n) => n.key === "mercor").id, true));
    // It dropped the counts without a word.
    await page.waitForSelector("#details .details-missing");
    await page.unroute("**/api/entities/mercor", neo4jDown);
    await page.click("#details .details-missing button");
    await page.waitForFunction(() => /RELATIONSHIPS BY TYPE|Relationships by type/i.test(document.querySelector("#details").textContent) && !document.querySelector("#details .details-missing"));
  });
});

describe("Explore and Trace", () => {
  it("keep a selection each", async () => {
    await page.goto(BASE + "/?entity=meta&sel=n:tbd-labs");
    await waitRendered(page, null);
    // As the trace form does.
    await page.evaluate(() => window.newsgraph.navigate({ mode: "paths", pathFrom: "scale-ai", pathTo: "mercor", sel: "" }));
    await page.waitForFunction(() => document.body.dataset.rendered === "paths");
    await page.evaluate(() => {
      const m = window.newsgraph.pathModel;
      window.newsgraph.selectElement("node", [...m.nodes.values()].find((n) => n.key === "mercor").id, true);
    });
    await page.click("button[data-mode=explore]");
    await page.waitForFunction(() => document.body.dataset.mode === "explore");
    await page.waitForFunction(() => /TBD Labs/.test(document.querySelector("#details h2")?.textContent ?? ""), null, { timeout: 15000 });
    assert.match(page.url(), /sel=n(%3A|:)tbd-labs/);
  });

  it("refuses to trace an entity to itself, before asking", async () => {
    await page.goto(BASE + "/?view=paths");
    await page.fill("#trace-from", "Meta");
    await page.fill("#trace-to", "Meta");
    let asked = false;
    page.on("request", (r) => { if (r.url().includes("/api/paths")) asked = true; });
    await page.click("#trace-go");
    await page.waitForFunction(() => /Both ends are/.test(document.querySelector("#status").textContent));
    assert.equal(asked, false, "no trace was asked for");
  });

  it("takes a path's highlight off again", async () => {
    await page.goto(BASE + "/?view=paths&from_id=meta&to_id=eugene-ling&paths=all&hops=6");
    await page.waitForFunction(() => document.body.dataset.rendered === "paths");
    const dimmed = () => page.evaluate(() => window.newsgraph.view.cy.elements(".dim").length);
    assert.ok((await page.locator("#details .path > button").count()) > 1, "more than one path");
    await page.click("#details .path > button");
    assert.ok((await dimmed()) > 0, "the rest is dimmed");
    await page.click("#details .path > button");
    assert.equal(await dimmed(), 0, "pressed again, the highlight is off");
    await page.click("#details .path > button");
    await page.locator("#btn-fit").focus();
    await page.keyboard.press("Escape");
    assert.equal(await dimmed(), 0, "Esc takes it off too");
  });
});

describe("the Details panel", () => {
  it("says who alleges and who denies a fact node", async () => {
    await page.goto(BASE + "/?entity=claim-mercor-trade-secret-misappropriation");
    await waitRendered(page, null);
    await page.waitForFunction(() => /Denied by/.test(document.querySelector("#details").textContent));
    const text = await page.textContent("#details");
    assert.match(text, /Alleged by: /);
    assert.match(text, /Denied by: /);
  });

  it("shows no fact box for a fact between two fact nodes", async () => {
    await page.goto(BASE + "/?entity=scale-v-mercor");
    await waitRendered(page, null);
    const id = await page.evaluate(() => [...window.newsgraph.model.rels.values()].find((r) => r.type === "PRECEDES")?.id);
    assert.ok(id, "a PRECEDES in view");
    await page.evaluate((id) => window.newsgraph.selectElement("rel", id, true), id);
    assert.equal(await page.locator("#details .fact-box").count(), 0);
  });

  it("moves between its tabs with the arrow keys", async () => {
    await page.goto(BASE + "/?entity=scale-ai");
    await waitRendered(page, null);
    await page.locator("#tab-details").focus();
    await page.keyboard.press("ArrowRight");
    const at = () => page.evaluate(() => [document.activeElement.id, document.body.dataset.tab, document.querySelector("#tab-details").tabIndex]);
    assert.deepEqual(await at(), ["tab-conflicts", "conflicts", -1]);
    await page.keyboard.press("Home");
    assert.deepEqual(await at(), ["tab-details", "details", 0]);
  });
});

describe("keys in the console", () => {
  it("leave the Explore graph behind it alone", async () => {
    await page.goto(BASE + "/?entity=scale-ai&sel=n:mercor");
    await waitRendered(page, null);
    const size = () => page.evaluate(() => window.newsgraph.model.nodes.size);
    const first = await size();
    await page.locator("#btn-expand").focus();
    await page.keyboard.press("e");
    await page.waitForFunction((n) => window.newsgraph.model.nodes.size > n, first);
    const expanded = await size();
    await page.click("button[data-mode=console]");
    await page.waitForSelector("#console .cm-content");
    await page.click("#console [role=tab]:not([aria-selected=true])").catch(() => page.click("#console"));
    // U undid the hidden expansion, and L switched the hidden list view on.
    for (const key of ["u", "l", "c", "e"]) await page.keyboard.press(key);
    await page.click("button[data-mode=explore]");
    await page.waitForFunction(() => document.body.dataset.mode === "explore");
    assert.equal(await size(), expanded, "the expansion is still there");
    assert.equal(await page.evaluate(() => document.querySelector("#list").hidden), true, "the list view is still off");
  });
});

describe("the export menu", () => {
  it("closes on a click elsewhere and on Escape", async () => {
    await page.goto(BASE + "/?entity=scale-ai");
    await waitRendered(page, null);
    const open = () => page.evaluate(() => document.querySelector("#export-menu").open);
    await page.click("#export-menu summary");
    assert.equal(await open(), true);
    await page.click("#summary");
    assert.equal(await open(), false, "closed by a click elsewhere");
    await page.click("#export-menu summary");
    assert.equal(await open(), true);
    await page.keyboard.press("Escape");
    assert.equal(await open(), false, "closed by Escape");
  });
});

describe("the legend", () => {
  it("gives the types shown colours of their own, and draws provenance grey", async () => {
    await page.goto(BASE + "/?entity=scale-ai&depth=2");
    await waitRendered(page, null);
    // The colours come with the schema, which may answer after the graph is drawn.
    await page.evaluate(() => window.newsgraph.ready);
    await page.waitForFunction(() => document.querySelectorAll("#legend .edge-swatch").length > 5);
    const legend = await page.evaluate(() => [...document.querySelectorAll("#legend .edge-swatch")].map((s) => ({
      type: s.nextElementSibling.textContent, provenance: s.classList.contains("provenance"), color: getComputedStyle(s).borderTopColor,
    })));
    const coloured = legend.filter((l) => !l.provenance);
    const colours = new Set(coloured.map((l) => l.color));
    // Four of the dataset's types shared one green, chosen by their names' hashes.
    assert.equal(colours.size, coloured.length, `colours: ${JSON.stringify(coloured)}`);
    assert.deepEqual(legend.filter((l) => l.provenance).map((l) => l.type).filter((t) => !["MENTIONS", "INVOLVES"].includes(t)), []);
    assert.ok(legend.some((l) => l.type === "MENTIONS" && l.provenance), `MENTIONS drawn as provenance: ${JSON.stringify(legend)}`);
    await shot(page, "audit-legend");
  });
});

describe("a filter the database lacks", () => {
  it("shows ticked, and goes once unticked", async () => {
    await page.goto(BASE + "/?entity=scale-ai&types=NOPE");
    await page.waitForFunction(() => /match the filters/.test(document.querySelector("#status").textContent));
    const box = page.locator('#filters input[name=types][value="NOPE"]');
    // Nothing in the form said what was filtering: only "Clear filters" got out.
    assert.equal(await box.isChecked(), true, "the unknown type shows ticked");
    assert.equal(await box.isVisible(), true);
    const before = await rendered(page);
    await box.click(); // unticks it (uncheck() would wait to see it unticked, and it goes)
    await waitRendered(page, before);
    assert.ok((await page.evaluate(() => window.newsgraph.model.rels.size)) > 0, "the relationships are back");
    assert.equal(await box.count(), 0, "the unknown type is gone from the list");
  });
});

describe("an unknown id in the URL", () => {
  it("is named cut short", async () => {
    await page.goto(BASE + "/?entity=" + "x".repeat(3000));
    await page.waitForFunction(() => /There is no entity/.test(document.querySelector("#status").textContent));
    const text = await statusText(page);
    assert.ok(text.length < 200, `${text.length} characters`);
  });
});

describe("a resized window", () => {
  it("keeps the graph in view when a phone turns, and a moved view keeps its centre", async () => {
    const phone = await newPage(browser, errors, { width: 390, height: 844 });
    try {
      await phone.goto(BASE + "/?entity=scale-ai");
      await waitRendered(phone, null);
      assert.deepEqual(await inView(phone), { zoom: true, inside: true }, "in view upright");
      // Turned: the canvas is twice as wide and half as high. Before, the graph kept the
      // zoom and pan of the upright fit and ran off the bottom of the canvas.
      await phone.setViewportSize({ width: 844, height: 390 });
      await phone.waitForFunction(() => window.newsgraph.view.cy.width() > 500);
      await phone.waitForTimeout(300);
      await shot(phone, "audit-phone-turned");
      // Fitted again: inside the canvas, and filling it in height (the canvas is now only
      // about 340 px high, so a zoom under inView's 0.5 is the right one).
      assert.equal((await inView(phone)).inside, true, "inside the canvas turned");
      const fill = await phone.evaluate(() => {
        const cy = window.newsgraph.view.cy;
        const bb = cy.nodes().renderedBoundingBox({ includeLabels: false });
        return Math.max(bb.w / cy.width(), bb.h / cy.height());
      });
      assert.ok(fill > 0.6, `fitted to the turned canvas (fills ${fill.toFixed(2)} of it)`);

      // The reader zooms in with the wheel; turned back, what was in the middle of the
      // canvas is still there.
      const box = await phone.locator("#graph").boundingBox();
      await phone.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await phone.mouse.wheel(0, -200);
      await phone.waitForTimeout(300);
      const centre = () => phone.evaluate(() => {
        const cy = window.newsgraph.view.cy;
        const pan = cy.pan(), z = cy.zoom();
        return { x: Math.round((cy.width() / 2 - pan.x) / z), y: Math.round((cy.height() / 2 - pan.y) / z), zoom: z };
      });
      const before = await centre();
      await phone.setViewportSize({ width: 390, height: 844 });
      await phone.waitForFunction(() => window.newsgraph.view.cy.width() < 500);
      await phone.waitForTimeout(300);
      const after = await centre();
      assert.equal(after.zoom, before.zoom, "the reader's zoom is kept");
      assert.ok(Math.abs(after.x - before.x) <= 2 && Math.abs(after.y - before.y) <= 2, `the centre moved from ${JSON.stringify(before)} to ${JSON.stringify(after)}`);
    } finally {
      await phone.context().close();
    }
  });
});

describe("coming back to Trace", () => {
  it("draws the paths as they were left instead of tracing again, by button or by Back", async () => {
    const traces = [];
    const count = (req) => { if (new URL(req.url()).pathname === "/api/paths") traces.push(req.url()); };
    page.on("request", count);
    try {
      await page.goto(BASE + "/?view=paths&from_id=meta&to_id=mercor&hops=3");
      await page.waitForFunction(() => document.body.dataset.rendered === "paths");
      const status = await statusText(page);
      assert.match(status, /paths? from Meta to Mercor/);
      const drawn = () => page.evaluate(() => window.newsgraph.view.cy.nodes().length);
      const nodes = await drawn();
      assert.equal(traces.length, 1, "the link traces once");

      await page.click("button[data-mode=explore]");
      await page.waitForFunction(() => document.body.dataset.mode === "explore");
      await page.click("button[data-mode=paths]");
      await page.waitForFunction(() => document.body.dataset.mode === "paths");
      assert.equal(await statusText(page), status, "the status says what the trace found again");
      assert.equal(await drawn(), nodes, "and the paths are drawn");
      assert.equal(await page.evaluate(() => document.querySelector("#details h2")?.textContent), "Paths");

      await page.click("button[data-mode=console]");
      await page.waitForSelector("#console .cm-content");
      await page.goBack();
      await page.waitForFunction(() => document.body.dataset.mode === "paths");
      assert.equal(await statusText(page), status);
      assert.equal(await drawn(), nodes);
      assert.deepEqual(await inView(page), { zoom: true, inside: true }, "in view after the console and Back");
      assert.equal(traces.length, 1, `coming back traced again: ${traces.join(", ")}`);

      // Another trace is another question: asked once.
      const answered = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/paths");
      await page.evaluate(() => window.newsgraph.navigate({ hops: 2 }));
      await answered;
      assert.equal(traces.length, 2, "a new number of hops traces again");
    } finally {
      page.off("request", count);
    }
  });
});

describe("keyboard shortcuts", () => {
  it("work in capitals, as the buttons' titles write them (Shift or Caps Lock)", async () => {
    await page.goto(BASE + "/?entity=meta");
    await waitRendered(page, null);
    const first = await page.evaluate(() => window.newsgraph.model.nodes.size);
    const neighbour = await page.evaluate(() => {
      const m = window.newsgraph.model;
      return [...m.nodes.values()].find((n) => n.id !== m.focus && n.labels.includes("Entity"))?.id;
    });
    await page.evaluate((id) => window.newsgraph.selectElement("node", id, true), neighbour);
    await page.locator("#btn-fit").focus();
    await page.keyboard.press("Shift+E");
    await page.waitForFunction((n) => window.newsgraph.model.nodes.size > n, first, { timeout: 15000 });
    await page.keyboard.press("Shift+U");
    await page.waitForFunction((n) => window.newsgraph.model.nodes.size === n, first, { timeout: 5000 });
    await page.keyboard.press("Shift+L");
    await page.waitForFunction(() => !document.querySelector("#list").hidden, null, { timeout: 5000 });
    await page.keyboard.press("Shift+L");
    await page.waitForFunction(() => document.querySelector("#list").hidden, null, { timeout: 5000 });
  });
});

describe("evidence panel", () => {
  it("lists a party's sources once when its fact cites the same ones with the same notes", async () => {
    await page.goto(BASE + "/?entity=eugene-ling&sel=r%3Aclaim-ling-breach-of-contract--against--eugene-ling");
    await waitRendered(page, null);
    await page.waitForFunction(() => /^AGAINST/.test(document.querySelector("#details h2")?.textContent ?? ""));
    const got = await page.evaluate(() => ({
      headings: [...document.querySelectorAll("#details h3, #details h4")].map((x) => x.textContent),
      notes: [...document.querySelectorAll("#details .evidence-note")].map((x) => x.textContent),
    }));
    assert.ok(!got.headings.includes("The fact's sources"), `headings: ${got.headings.join(" / ")}`);
    assert.deepEqual(got.notes, ["Says the suit accuses Ling of violating the terms of his contract with Scale AI."]);
  });
});

describe("trace", () => {
  it("says what to widen when no path is found: more hops, allegations", async () => {
    await page.goto(BASE + "/?view=paths&from_id=eugene-ling&to_id=meta&hops=1&established=1");
    await page.waitForFunction(() => document.querySelector("#status").classList.contains("empty"));
    assert.equal(await statusText(page), "No path connects them within 1 hop through established facts. Try more hops, or allegations too (untick “established facts only”).");
    await page.goto(BASE + "/?view=paths&from_id=eugene-ling&to_id=meta&hops=1");
    await page.waitForFunction(() => document.querySelector("#status").classList.contains("empty") && !/established/.test(document.querySelector("#status").textContent));
    assert.equal(await statusText(page), "No path connects them within 1 hop. Try more hops.");
  });

  it("names the matches of typed text without a doubled ellipsis after a cut name", async () => {
    await page.goto(BASE + "/?view=paths");
    // Its third match is a source title longer than 80 characters, cut with an ellipsis.
    await page.fill("#trace-from", "eugene lin");
    await page.fill("#trace-to", "Mercor");
    await page.keyboard.press("Escape");
    await page.click("#trace-go");
    await page.waitForFunction(() => /pick one from the list/.test(document.querySelector("#status").textContent));
    const said = await statusText(page);
    assert.ok(!/……|…\u2069…/.test(said), said);
    assert.match(said, /; …\): pick one from the list\.$/, said);
  });

  it("shows the paths again when the selection is cleared (Esc), as a reload of the same link does", async () => {
    await page.goto(BASE + "/?view=paths&from_id=meta&to_id=mercor");
    await page.waitForFunction(() => document.body.dataset.rendered === "paths");
    const heading = () => page.evaluate(() => document.querySelector("#details h2")?.textContent ?? document.querySelector("#details").textContent);
    assert.equal(await heading(), "Paths");
    const id = await page.evaluate(() => [...window.newsgraph.pathModel.nodes.keys()][1]);
    await page.evaluate((id) => window.newsgraph.selectElement("node", id, true), id);
    assert.notEqual(await heading(), "Paths");
    await page.locator("#btn-fit").focus();
    await page.keyboard.press("Escape");
    await page.waitForFunction(() => !/[?&]sel=/.test(location.search));
    assert.equal(await heading(), "Paths");
    assert.ok(await page.evaluate(() => document.querySelectorAll("#details .hop").length > 0), "each hop is listed");
  });
});
