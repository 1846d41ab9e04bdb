// Whether the database has newsgraph's full-text index, entity_names: asked only for a
// search text with no letter or digit, which the index cannot match (its words are
// letters and digits) and the substring fallback can (a name that is an emoji). It asks
// the index itself, as the search does (a missing index is an error the store reads),
// rather than SHOW INDEXES, which a user without the SHOW INDEX privilege may not run.
CYPHER expressionEngine=interpreted
CALL db.index.fulltext.queryNodes('entity_names', 'newsgraphindexprobe') YIELD node
RETURN count(node) >= 0 AS present
