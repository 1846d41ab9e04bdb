// Search for databases without newsgraph's full-text index: a case-insensitive
// substring match ($request.text, lower-cased) over common name-like properties ($request.keys) and
// `aliases`, scored 1 for an exact name, 0.75 for a prefix, 0.5 otherwise. It reads
// every node, which is acceptable for the databases that lack the index.
CYPHER expressionEngine=interpreted
MATCH (n)
WITH n, [k IN $request.keys WHERE n[k] IS :: STRING NOT NULL | toLower(n[k])] +
        CASE WHEN n.aliases IS :: LIST<STRING NOT NULL> NOT NULL THEN [a IN n.aliases | toLower(a)] ELSE [] END AS names
WITH n, [x IN names WHERE x CONTAINS $request.text] AS hits
WHERE size(hits) > 0
WITH n, CASE WHEN $request.text IN hits THEN 1.0 WHEN any(x IN hits WHERE x STARTS WITH $request.text) THEN 0.75 ELSE 0.5 END AS score
ORDER BY score DESC, CASE WHEN n.id IS :: STRING NOT NULL THEN n.id ELSE '' END, elementId(n)
WITH collect({node: n, score: score}) AS hits
RETURN size(hits) AS total, hits[$request.offset..($request.offset + $request.limit)] AS page
