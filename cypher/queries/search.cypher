// Full-text search over names and aliases ($request.lucene: a Lucene query the store builds
// from escaped user terms). A node whose whole name or one alias is the text ($request.exact,
// lower-cased) scores double, so "mercor" puts Mercor before the facts that merely
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
WITH node, score * CASE
  WHEN toLower(node.name) = $request.exact THEN 2.0
  WHEN node.aliases IS :: LIST<STRING NOT NULL> NOT NULL AND any(a IN node.aliases WHERE toLower(a) = $request.exact) THEN 2.0
  ELSE 1.0
END * CASE WHEN node:Entity THEN 2.0 ELSE 1.0 END AS score
ORDER BY score DESC, CASE WHEN node.id IS :: STRING NOT NULL THEN node.id ELSE '' END, elementId(node)
WITH collect({node: node, score: score}) AS hits
RETURN size(hits) AS total,
       [h IN hits[$request.offset..($request.offset + $request.limit)] |
        {id: elementId(h.node), labels: labels(h.node), values: [k IN $request.keys | h.node[k]], score: h.score}] AS page
