// Benchmark (not a test): how fast the explorer draws in headless Chromium on this
// machine. Reports (1) the first render of an entity page, from navigation start to the
// neighbourhood drawn, and (2) a 2,000-node graph: time to draw it and frame times while
// panning and zooming, and the time from a click on a node to its details panel.
//
//   NEWSGRAPH_URL=http://127.0.0.1:8080 NEO4J_URI=bolt://127.0.0.1:7687 npm run bench
//
// It writes a generated graph (dataset "bench-web") through its own Neo4j connection and
// removes it afterwards. See docs/web.md for the method and the numbers.
import neo4j from "neo4j-driver";
import os from "node:os";
import { launch, newPage, BASE } from "../e2e/helpers.mjs";

const RUNS = Number(process.env.RUNS ?? 7);
const NODES = 2000;
const db = process.env.NEO4J_DATABASE ?? "neo4j";
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

const auth = process.env.NEO4J_PASSWORD ? neo4j.auth.basic(process.env.NEO4J_USERNAME ?? "neo4j", process.env.NEO4J_PASSWORD) : neo4j.auth.none();
const driver = neo4j.driver(process.env.NEO4J_URI ?? "bolt://127.0.0.1:7687", auth);
const browser = await launch();
const errors = [];
try {
  // `serve --load` loads the dataset in the background: wait until Scale AI is there.
  for (let i = 0; i < 150; i++) {
    const ok = await fetch(BASE + "/api/entities/scale-ai").then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 400));
  }
  console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`);

  // 1. First render of an entity page (fresh page each run, so nothing is cached in JS).
  const firsts = [], clients = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await newPage(browser, errors);
    await page.goto(BASE + "/?entity=scale-ai");
    await page.waitForFunction(() => document.body.dataset.rendered);
    const t = await page.evaluate(() => {
      const seq = document.body.dataset.rendered;
      const mark = (n) => performance.getEntriesByName(`ng:${n}:${seq}`)[0]?.startTime ?? NaN;
      return { total: mark("drawn"), client: mark("drawn") - mark("data") };
    });
    firsts.push(t.total);
    clients.push(t.client);
    await page.context().close();
  }
  console.log(`entity page first render (navigation start -> graph drawn), ${RUNS} runs: median ${median(firsts).toFixed(0)} ms, max ${Math.max(...firsts).toFixed(0)} ms`);
  console.log(`  of which drawing (answer received -> graph drawn, layout included): median ${median(clients).toFixed(0)} ms`);

  // 2. A 2,000-node graph: 40 groups of 49 around a hub, drawn by the console's graph view.
  await driver.executeQuery(
    `MERGE (h:BenchWeb:Entity:Organization {id: 'bw-hub'}) SET h.name = 'Bench hub', h.dataset = 'bench-web'
     WITH h UNWIND range(1, 40) AS g
     MERGE (o:BenchWeb:Entity:Organization {id: 'bw-org-' + g}) SET o.name = 'Group ' + g, o.dataset = 'bench-web'
     MERGE (h)-[:BW_LINK {dataset: 'bench-web', status: 'reported'}]->(o)
     WITH o, g UNWIND range(1, 49) AS k
     MERGE (p:BenchWeb:Entity:Person {id: 'bw-p-' + g + '-' + k}) SET p.name = 'Person ' + g + '.' + k, p.dataset = 'bench-web'
     MERGE (o)-[:BW_LINK {dataset: 'bench-web', status: CASE WHEN k % 7 = 0 THEN 'alleged' ELSE 'reported' END}]->(p)`,
    {}, { database: db });
  const page = await newPage(browser, errors);
  await page.goto(BASE + "/?view=console");
  await page.waitForSelector("#console .cm-content");
  await page.fill("#console .row-limit", "5000");
  await page.click("#console .cm-content");
  await page.keyboard.type("MATCH (a:BenchWeb)-[r:BW_LINK]->(b:BenchWeb) RETURN a, r, b");
  const t0 = await page.evaluate(() => performance.now());
  await page.keyboard.press("Control+Enter");
  await page.waitForFunction(() => /^\d+$/.test(document.querySelector("#console").dataset.result ?? ""), null, { timeout: 120000 });
  const drawMs = (await page.evaluate(() => performance.now())) - t0;
  const n = await page.evaluate(() => window.newsgraph.console.view.cy.nodes().length);
  const serverMsg = await page.textContent("#console .console-message");
  const phases = await page.evaluate(() => {
    const at = (n) => performance.getEntriesByName(`ng:cypher:${n}`).at(-1)?.startTime ?? NaN;
    return { request: at("answer") - at("sent"), layout: at("laid-out") - at("answer"), draw: at("drawn") - at("laid-out"), tables: at("tables") - at("drawn") };
  });
  if (n < NODES) throw new Error(`only ${n} nodes drawn`);

  // Frame times while the graph pans and zooms, one step per animation frame.
  const frames = await page.evaluate(() => new Promise((resolve) => {
    const cy = window.newsgraph.console.view.cy;
    const times = [];
    let last = performance.now();
    let i = 0;
    const step = (now) => {
      times.push(now - last);
      last = now;
      if (i < 60) cy.panBy({ x: 6, y: 3 });
      else cy.zoom({ level: cy.zoom() * (i < 90 ? 1.03 : 0.97), renderedPosition: { x: 300, y: 200 } });
      if (++i < 120) requestAnimationFrame(step);
      else resolve(times.slice(1));
    };
    requestAnimationFrame(step);
  }));

  // Selecting a node: the tap handler (details panel filled, selection restyled) and
  // the next painted frame, measured inside the page.
  const clicks = [];
  for (let i = 0; i < 7; i++) {
    clicks.push(await page.evaluate((i) => new Promise((resolve) => {
      const cy = window.newsgraph.console.view.cy;
      const node = cy.nodes()[100 + i * 37];
      const t = performance.now();
      node.emit("tap");
      const shown = document.querySelector("#console .console-side h2")?.textContent?.startsWith(node.data("label"));
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(shown ? performance.now() - t : NaN)));
    }), i));
  }
  console.log(`2,000-node graph: ${n} nodes drawn ${drawMs.toFixed(0)} ms after Ctrl+Enter (query, transfer and layout included; server: ${serverMsg.trim()})`);
  console.log(`  phases: request+transfer+parse ${phases.request.toFixed(0)} ms, layout ${phases.layout.toFixed(0)} ms, canvas ${phases.draw.toFixed(0)} ms, table+JSON views ${phases.tables.toFixed(0)} ms`);
  console.log(`  pan/zoom frames: median ${median(frames).toFixed(1)} ms (${(1000 / median(frames)).toFixed(0)} fps), p95 ${pct(frames, 0.95).toFixed(1)} ms`);
  console.log(`  select a node -> details shown and painted: median ${median(clicks).toFixed(0)} ms, max ${Math.max(...clicks).toFixed(0)} ms`);
  if (errors.length) console.log("page errors:", errors);
} finally {
  await driver.executeQuery("MATCH (n:BenchWeb) DETACH DELETE n", {}, { database: db }).catch(() => {});
  await driver.close();
  await browser.close();
}
