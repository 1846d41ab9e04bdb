// Full-text search over names and aliases ($request.lucene: a Lucene query the store builds
// from escaped user terms). A node whose whole name or one alias is the text ($request.exact,
// lower-cased) scores double, accents aside (below), so "mercor" puts Mercor before the
// facts that merely mention it, and entities score double again over facts and sources, since a
// name typed into the search box is mostly someone or something, not an event (a
// fact matching in both its name and aliases otherwise outranks a misspelt entity).
// Ranked by score, ties broken by stable id then element id so that pages
// never shuffle; every hit is counted for `total`, only one page returns, and of each
// of its nodes only what a hit shows: its element id, labels and the properties
// $request.keys names (the display name's candidates and aliases), so that a node's
// other properties (a 200 KB body) are never read.
CYPHER expressionEngine=interpreted
CALL db.index.fulltext.queryNodes('entity_names', $request.lucene) YIELD node, score
// $request.folded is the text decomposed (NFD) without its combining marks, as
// search_contains.cypher folds: a plain name typed with accents ("mércor") is that.
WITH node, score, toLower(node.name) IN [$request.exact, $request.folded]
  OR (node.aliases IS :: LIST<STRING NOT NULL> NOT NULL AND any(a IN node.aliases WHERE toLower(a) IN [$request.exact, $request.folded])) AS whole
WITH node, whole, score * CASE WHEN whole THEN 2.0 ELSE 1.0 END * CASE WHEN node:Entity THEN 2.0 ELSE 1.0 END AS score
ORDER BY score DESC, CASE WHEN node.id IS :: STRING NOT NULL THEN node.id ELSE '' END, elementId(node)
WITH collect({node: node, score: score, whole: whole}) AS hits
// A name with accents typed without them ("jose nunez" for José Núñez) is found by
// folding the name: its marks (the common ones of U+0300-U+036F) removed. Only the
// $request.fold_first best hits are folded, and ranked again among themselves: folding
// every hit's names made searches on the 100,000-node graph a third slower, and a
// whole name is among the best hits anyway (its words match exactly). Those below keep
// their order, and no score among them exceeds the lowest above, doubled or not.
CALL (hits) {
  UNWIND hits[0..$request.fold_first] AS h
  WITH h.node AS node, h.score AS score, h.whole AS whole
  // A name already matched whole keeps its bonus, once.
  WITH node, score * CASE
    WHEN whole THEN 1.0
    WHEN any(x IN [node.name] + CASE WHEN node.aliases IS :: LIST<STRING NOT NULL> NOT NULL THEN node.aliases ELSE [] END
             WHERE x IS :: STRING NOT NULL AND replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(normalize(toLower(x), NFD), '\u0301', ''), '\u0300', ''), '\u0302', ''), '\u0303', ''), '\u0308', ''), '\u0327', ''), '\u030c', ''), '\u030a', ''), '\u0304', ''), '\u0306', ''), '\u0307', ''), '\u030b', ''), '\u0328', ''), '\u0323', ''), '\u0309', ''), '\u031b', '') = $request.folded) THEN 2.0
    ELSE 1.0
  END AS score
  ORDER BY score DESC, CASE WHEN node.id IS :: STRING NOT NULL THEN node.id ELSE '' END, elementId(node)
  RETURN collect({node: node, score: score}) AS best
}
WITH best + hits[$request.fold_first..] AS hits
RETURN size(hits) AS total,
       [h IN hits[$request.offset..($request.offset + $request.limit)] |
        {id: elementId(h.node), labels: labels(h.node), values: [k IN $request.keys | h.node[k]], score: h.score}] AS page
