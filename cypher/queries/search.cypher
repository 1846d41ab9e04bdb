// Full-text search over names and aliases ($lucene: a Lucene query the store builds
// from escaped user terms), ranked by score, ties broken by stable id then element id
// so that pages never shuffle. Every hit is counted for `total`; only one page returns.
CALL db.index.fulltext.queryNodes('entity_names', $lucene) YIELD node, score
WITH node, score
ORDER BY score DESC, CASE WHEN node.id IS :: STRING NOT NULL THEN node.id ELSE '' END, elementId(node)
WITH collect({node: node, score: score}) AS hits
RETURN size(hits) AS total, hits[$offset..($offset + $limit)] AS page
