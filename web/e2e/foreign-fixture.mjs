// A small "foreign" graph, written beside the built-in dataset by the browser tests: a
// database newsgraph did not build (a bit of the Movies graph, properties named like
// newsgraph's own but of other shapes, typed values, a long text, a node without
// relationships, a type and a label holding a comma, a name holding a right-to-left
// override, sources titled by a list and by a number). Every node carries the label
// E2EForeign, so that removeForeign() takes exactly this away again.
//
// Also a script: `NEO4J_URI=bolt://127.0.0.1:7741 node e2e/foreign-fixture.mjs` writes it
// into that database and prints the element ids (`--remove` takes it away).
import neo4j from "neo4j-driver";
import { fileURLToPath } from "node:url";
import { connect, DB } from "./db.mjs";

/** How many relationships of the type holding a comma the hub has: more than a page of the neighbourhood (25). */
export const COMMA_FANS = 40;
/** The long text's length: its JSON is 22,002 bytes, over the 4,096 a graph answer keeps whole. */
export const BODY = "All work and no play makes Jack a dull boy. ".repeat(500).slice(0, 21992) + " THE END";
/** A text under the 4,096 bytes a graph answer keeps whole, but too long to show whole in a panel. */
export const NOTE = "A note long enough to fill the panel. ".repeat(40) + "NOTE END";
/** A name with no space to break at, far longer than the 200 bytes the server keeps of it. */
export const LONG_NAME = "Longname" + "x".repeat(100 * 1024);
/** A name holding a line break and a right-to-left override (U+202E), which reverses what follows it unless isolated. */
export const BIDI_NAME = "line1\nline2\u202eRTL";

/** A relationship type and a label holding a right-to-left override, and how many of that type the node "Bidi Types" has (more than a page). */
export const BIDI_TYPE = "RTL\u202eTYPE";
export const BIDI_LABEL = "Rtl\u202eKind";
export const BIDI_FANS = 30;

/**
 * Writes the graph and returns the element ids of its nodes by role: gadget, keanu,
 * matrix, typed, lonely, long, hub, bidi (a node without relationships named BIDI_NAME),
 * mentioned (mentioned by two Sources, one titled ['t1', 't2'], one titled 42),
 * bidiTypes (BIDI_FANS relationships of BIDI_TYPE to nodes labelled BIDI_LABEL).
 */
export async function writeForeign(driver) {
  await removeForeign(driver);
  const { records } = await driver.executeQuery(
    `CREATE (g:Gadget:E2EForeign {id: 'g-1', key: 'k-1', element_id: '4:fake:1', status: 'broken', sources: 'a string',
                                   evidence: 7, aliases: 'notalist', conflicts: ['c1'], dataset: 'theirs', name: 'Gadget One'})
     CREATE (k:Person:E2EForeign {name: 'Keanu Reeves', born: 1964})
     CREATE (m:Movie:E2EForeign {title: 'The Matrix', released: 1999, tagline: 'Welcome to the Real World'})
     CREATE (k)-[:ACTED_IN {roles: ['Neo'], date: date('1999-03-31')}]->(m)
     CREATE (k)-[:QUOTED_IN {line: $body}]->(m)
     CREATE (g)-[:MENTIONS {status: 42, note: 'a number for a status'}]->(k)
     CREATE (k)-[:EMPLOYED_BY {status: ['reported'], since: 2001}]->(g)
     CREATE (k)-[:RUMOURED_WITH {status: 'rumoured'}]->(g)
     CREATE (k)-[:ALLEGEDLY_OWNS {status: 'alleged'}]->(g)
     CREATE (t:Typed:E2EForeign {name: 'All Types',
       d: date('2024-02-29'), dt: datetime('2024-03-01T12:34:56.789+01:00'), ldt: localdatetime('2024-03-01T12:00:00'),
       t: time('12:00+02:00'), lt: localtime('23:59:59'), dur: duration('P1Y2M3DT4H5M6.7S'),
       p2: point({x: 1.5, y: -2}), p3: point({longitude: 2.35, latitude: 48.85, height: 35}),
       big: 9223372036854775807, nan: 0.0/0.0, inf: 1.0/0.0, bytes: $bytes, body: $body, note: $note})
     CREATE (t)-[:DESCRIBES]->(m)
     CREATE (l:Lonely:E2EForeign {name: 'Lonely Node'})
     CREATE (ln:Odd:E2EForeign {name: $longName})
     CREATE (h:\`Comma, Hub\`:E2EForeign {name: 'Comma Hub'})
     CREATE (b:Bidi:E2EForeign {name: $bidiName})
     CREATE (mt:Mentioned:E2EForeign {name: 'Mentioned Thing'})
     CREATE (:Source:E2EForeign {name: 'Foreign Source', title: ['t1', 't2']})-[:MENTIONS]->(mt)
     CREATE (:Source:E2EForeign {name: 'Numbered Source', title: 42})-[:MENTIONS]->(mt)
     WITH g, k, m, t, l, ln, h, b, mt
     UNWIND range(1, $fans) AS i
     CREATE (h)-[:\`WORKS,WITH\` {i: i}]->(:Fan:E2EForeign {name: 'Fan ' + i})
     WITH DISTINCT g, k, m, t, l, ln, h, b, mt
     RETURN elementId(g) AS gadget, elementId(k) AS keanu, elementId(m) AS matrix, elementId(t) AS typed,
            elementId(l) AS lonely, elementId(ln) AS long, elementId(h) AS hub, elementId(b) AS bidi, elementId(mt) AS mentioned`,
    { bytes: Int8Array.from([0, 1, 2, -1]), body: BODY, note: NOTE, longName: LONG_NAME, bidiName: BIDI_NAME, fans: neo4j.int(COMMA_FANS) }, DB());
  const quote = (name) => "`" + name.replaceAll("`", "``") + "`";
  const bidi = await driver.executeQuery(
    `CREATE (bt:BidiTypes:E2EForeign {name: 'Bidi Types'})
     WITH bt UNWIND range(1, $fans) AS i
     CREATE (bt)-[:${quote(BIDI_TYPE)}]->(:E2EForeign:${quote(BIDI_LABEL)} {name: 'Bidi Fan ' + i})
     WITH DISTINCT bt RETURN elementId(bt) AS bidiTypes`, { fans: neo4j.int(BIDI_FANS) }, DB());
  return { ...records[0].toObject(), ...bidi.records[0].toObject() };
}

export async function removeForeign(driver) {
  await driver.executeQuery("MATCH (n:E2EForeign) DETACH DELETE n", {}, DB());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const driver = connect();
  try {
    if (process.argv.includes("--remove")) await removeForeign(driver);
    else console.log(JSON.stringify(await writeForeign(driver), null, 1));
  } finally {
    await driver.close();
  }
}
