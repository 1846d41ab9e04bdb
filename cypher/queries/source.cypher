// One source ($request.key: its id, or $request.element_id) with everything it supports: the nodes it
// MENTIONS (the loader links a source to every node its facts touch, so this is an
// index-free walk rather than a scan of every relationship for the id) and the
// relationships at those nodes, or at the source itself (a source citing another),
// whose `sources` list it, each once with both its ends, and the titles of every
// source those relationships cite. At most $request.limit mentioned nodes and
// $request.limit relationships; one more of each is read to tell whether some were left
// out (truncated), so that exactly the limit is not taken for more.
CYPHER expressionEngine=interpreted
CALL () {
  MATCH (s:Source) WHERE elementId(s) = $request.element_id RETURN s
  UNION
  MATCH (s:Source {id: $request.key}) RETURN s
}
WITH s LIMIT 1
CALL (s) {
  MATCH (s)-[:MENTIONS]->(n)
  WITH n LIMIT $request.limit + 1
  WITH collect(n) AS found
  RETURN found[..$request.limit] AS nodes, size(found) > $request.limit AS nodesCut
}
CALL (s, nodes) {
  CALL (s, nodes) {
    UNWIND nodes + [s] AS n
    MATCH (n)-[r]-()
    WHERE r.sources IS :: LIST<ANY> NOT NULL AND s.id IN r.sources
    WITH DISTINCT r
    RETURN r
    LIMIT $request.limit + 1
  }
  WITH collect(r) AS found
  WITH found[..$request.limit] AS rels, size(found) > $request.limit AS relsCut
  RETURN rels, [r IN rels | startNode(r)] + [r IN rels | endNode(r)] AS others, relsCut
}
CALL (rels) {
  UNWIND rels AS r
  UNWIND r.sources AS sid
  WITH DISTINCT sid
  MATCH (x:Source {id: sid})
  RETURN collect({id: sid, element_id: elementId(x), names: [k IN $request.name_keys | x[k]]}) AS sources
}
RETURN s, nodes, rels, others, sources, nodesCut OR relsCut AS truncated
