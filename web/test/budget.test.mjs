// The first page's JavaScript budget (issue 5): under 400 KB gzipped. Deterministic:
// it measures the built chunks the entry loads (statically), not a timing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const app = join(dirname(fileURLToPath(import.meta.url)), "..", "assets", "app");
const BUDGET = 400 * 1024;

test("the first page's gzipped JavaScript stays under 400 KB", () => {
  const manifestPath = join(app, ".vite", "manifest.json");
  assert.ok(existsSync(manifestPath), "run `npm run build` first");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
  assert.ok(entry, "the build has no entry chunk");
  // The entry and everything it imports statically; dynamic imports (the console, SVG
  // export) load later, on demand.
  const files = new Set();
  const walk = (key) => {
    const c = manifest[key];
    if (!c || files.has(c.file)) return;
    files.add(c.file);
    for (const k of c.imports ?? []) walk(k);
  };
  walk(entry);
  let total = 0;
  for (const f of files) total += gzipSync(readFileSync(join(app, f)), { level: 9 }).length;
  console.log(`first page JS: ${[...files].join(", ")}: ${(total / 1024).toFixed(1)} KB gzipped (budget 400 KB)`);
  assert.ok(total < BUDGET, `first page JS is ${(total / 1024).toFixed(1)} KB gzipped, over the 400 KB budget`);
  // The console (CodeMirror + the Cypher grammar) must not be in the first page.
  for (const f of files) assert.doesNotMatch(readFileSync(join(app, f), "utf8"), /CypherEditorSupport/, `${f} contains the console`);
});
