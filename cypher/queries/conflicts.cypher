// Every conflict between the sources, each with the nodes it involves (newsgraph's are
// entities; another database's Conflict may involve any node) and, per
// source, the facts that source gives on it: the accounts side by side, unresolved.
// A fact belongs to a conflict when the conflict's id is in its `conflicts` list. The
// facts are looked for at either end of the nodes of the conflict's dataset and of its
// entities (by index, not by scanning every relationship: in another database, where
// nodes have no dataset, a fact pointing into an involved node counts as one leaving
// it), and party links from a claim to its lawsuit are left out: they say where a fact
// belongs, not what a source claims.
// Conflicts and their entities are sorted by the store, by the names it shows them by
// (DisplayName: a Conflict node in another database may have no `name`).
CYPHER expressionEngine=interpreted
MATCH (c:Conflict)
CALL (c) {
  OPTIONAL MATCH (c)-[:INVOLVES]->(e)
  RETURN collect(e) AS entities
}
CALL (c) {
  CALL (c) {
    MATCH (n:Entity) WHERE n.dataset = c.dataset RETURN n
    UNION
    MATCH (n:Fact) WHERE n.dataset = c.dataset RETURN n
    UNION
    MATCH (c)-[:INVOLVES]->(n) RETURN n
  }
  MATCH (n)-[r]-()
  WHERE r.conflicts IS :: LIST<ANY> NOT NULL AND c.id IN r.conflicts
  WITH DISTINCT r
  WITH r, startNode(r) AS n, endNode(r) AS b
  WHERE NOT (r.fact IS NOT NULL AND b:Fact)
  UNWIND r.sources AS sourceId
  MATCH (s:Source {id: sourceId})
  WITH s, r, n, b
  ORDER BY s.id, r.id
  WITH s, collect({relationship: r, start: n, end: b}) AS facts
  ORDER BY s.id
  RETURN collect({source: s, facts: facts}) AS sides
}
RETURN c, entities, sides
