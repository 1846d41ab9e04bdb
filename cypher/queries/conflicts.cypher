// Every conflict between the sources, each with the nodes it involves (newsgraph's are
// entities; another database's Conflict may involve any node) and, per
// source, the facts that source gives on it: the accounts side by side, unresolved.
// A fact belongs to a conflict when the conflict's id is in its `conflicts` list. The
// facts are looked for from the nodes of the conflict's dataset and its entities (by
// index, not by scanning every relationship), and party links from a claim to its
// lawsuit are left out: they say where a fact belongs, not what a source claims.
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
  MATCH (n)-[r]->(b)
  WHERE c.id IN r.conflicts AND NOT (r.fact IS NOT NULL AND b:Fact)
  UNWIND r.sources AS sourceId
  MATCH (s:Source {id: sourceId})
  WITH s, r, n, b
  ORDER BY s.id, r.id
  WITH s, collect({relationship: r, start: n, end: b}) AS facts
  ORDER BY s.id
  RETURN collect({source: s, facts: facts}) AS sides
}
RETURN c, entities, sides
