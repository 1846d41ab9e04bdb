// Whether the database has newsgraph's full-text index, entity_names: asked only for a
// search text with no letter or digit, which the index cannot match (its words are
// letters and digits) and the substring fallback can (a name that is an emoji).
CYPHER expressionEngine=interpreted
SHOW FULLTEXT INDEXES YIELD name WHERE name = 'entity_names'
RETURN count(*) > 0 AS present
