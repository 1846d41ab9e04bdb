// One source ($request.key: its id, or $request.element_id) with everything it supports: the nodes it
// MENTIONS (the loader links a source to every node its facts touch, so this is an
// index-free walk rather than a scan of every relationship for the id) and the
// relationships at those nodes, or at the source itself (a source citing another),
// whose `sources` list it, each once with both its ends, and the titles of every
// source those relationships cite. Capped at $request.limit relationships.
CYPHER expressionEngine=interpreted
CALL () {
  MATCH (s:Source) WHERE elementId(s) = $request.element_id RETURN s
  UNION
  MATCH (s:Source {id: $request.key}) RETURN s
}
WITH s LIMIT 1
CALL (s) {
  MATCH (s)-[:MENTIONS]->(n)
  RETURN collect(n) AS nodes
}
CALL (s, nodes) {
  CALL (s, nodes) {
    UNWIND nodes + [s] AS n
    MATCH (n)-[r]-()
    WHERE r.sources IS :: LIST<ANY> NOT NULL AND s.id IN r.sources
    WITH DISTINCT r
    RETURN r
    LIMIT $request.limit
  }
  RETURN collect(r) AS rels, collect(startNode(r)) + collect(endNode(r)) AS others
}
CALL (rels) {
  UNWIND rels AS r
  UNWIND r.sources AS sid
  WITH DISTINCT sid
  MATCH (x:Source {id: sid})
  RETURN collect({id: sid, title: coalesce(x.title, x.name)}) AS sources
}
RETURN s, nodes, rels, others, sources, size(rels) >= $request.limit AS truncated
