// Full-text search over names and aliases ($request.lucene: a Lucene query the store builds
// from escaped user terms). A node whose whole name or one alias is the text ($request.exact,
// lower-cased; or $request.folded, without accents) scores double, so "mercor" puts Mercor before the facts that merely
// mention it, and entities score double again over facts and sources, since a
// name typed into the search box is mostly someone or something, not an event (a
// fact matching in both its name and aliases otherwise outranks a misspelt entity).
// Ranked by score, ties broken by stable id then element id so that pages
// never shuffle; every hit is counted for `total`, only one page returns, and of each
// of its nodes only what a hit shows: its element id, labels and the properties
// $request.keys names (the display name's candidates and aliases), so that a node's
// other properties (a 200 KB body) are never read.
CYPHER expressionEngine=interpreted
CALL db.index.fulltext.queryNodes('entity_names', $request.lucene) YIELD node, score
WITH node, score, [x IN [node.name] + CASE WHEN node.aliases IS :: LIST<STRING NOT NULL> NOT NULL THEN node.aliases ELSE [] END
                   WHERE x IS :: STRING NOT NULL | toLower(x)] AS names
// The whole-name bonus ignores accents as the index does: "mércor" is Mercor's whole
// name, and "jose nunez" José Núñez's. A name is folded as search_contains.cypher folds
// (NFD, less the combining marks U+0300-U+036F; $request.folded is the text folded so),
// and only a name of about the text's length, which spares the long names of facts.
WITH node, score * CASE
  WHEN $request.exact IN names THEN 2.0
  WHEN any(x IN names WHERE size($request.folded) <= size(x) <= 3 * size($request.folded)
           AND reduce(s = '', c IN split(normalize(x, NFD), '') | s + CASE WHEN '\u0300' <= c <= '\u036f' THEN '' ELSE c END) = $request.folded) THEN 2.0
  ELSE 1.0
END * CASE WHEN node:Entity THEN 2.0 ELSE 1.0 END AS score
ORDER BY score DESC, CASE WHEN node.id IS :: STRING NOT NULL THEN node.id ELSE '' END, elementId(node)
WITH collect({node: node, score: score}) AS hits
RETURN size(hits) AS total,
       [h IN hits[$request.offset..($request.offset + $request.limit)] |
        {id: elementId(h.node), labels: labels(h.node), values: [k IN $request.keys | h.node[k]], score: h.score}] AS page
