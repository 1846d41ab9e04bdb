// one shortest path between two nodes ($request.from_key/$request.from_element_id and $request.to_key/$request.to_element_id,
// as in neighbourhood.cypher) of at most $request.max_length hops (the pattern's literal bound
// is the API's maximum, 6; a shortest path longer than $request.max_length means there is none
// within it). Paths never pass through newsgraph's Source or Conflict nodes (every entity a source
// mentions would otherwise be two hops from every other); another database's nodes of those
// labels, which carry no `dataset`, are nodes like any other (a magazine people read), and with $request.established_only
// they use no relationship whose status is alleged, denied or disputed. The endpoints
// come back even when no path does, so a missing path and an unknown id differ.
CYPHER expressionEngine=interpreted
CALL () {
  CALL () {
    MATCH (n) WHERE elementId(n) = $request.from_element_id RETURN n
    UNION
    MATCH (n:Entity {id: $request.from_key}) RETURN n
    UNION
    MATCH (n:Fact {id: $request.from_key}) RETURN n
    UNION
    MATCH (n:Source {id: $request.from_key}) RETURN n
    UNION
    MATCH (n:Conflict {id: $request.from_key}) RETURN n
  }
  RETURN collect(n)[0] AS a
}
CALL () {
  CALL () {
    MATCH (n) WHERE elementId(n) = $request.to_element_id RETURN n
    UNION
    MATCH (n:Entity {id: $request.to_key}) RETURN n
    UNION
    MATCH (n:Fact {id: $request.to_key}) RETURN n
    UNION
    MATCH (n:Source {id: $request.to_key}) RETURN n
    UNION
    MATCH (n:Conflict {id: $request.to_key}) RETURN n
  }
  RETURN collect(n)[0] AS b
}
CALL (a, b) {
  CALL (a, b) {
    WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL AND a <> b
    // The legacy shortestPath() runs a bidirectional breadth-first search and checks
    // these all(...) predicates while it searches; the GQL SHORTEST form took tens of
    // seconds on a 100,000-node power-law graph where this answers in well under one.
    MATCH p = shortestPath((a)-[*..6]-(b))
    WHERE all(n IN nodes(p) WHERE n = a OR n = b OR NOT ((n:Source OR n:Conflict) AND n.dataset IS NOT NULL))
      AND all(r IN relationships(p) WHERE NOT $request.established_only OR NOT coalesce(r.status, 'reported') IN ['alleged', 'denied', 'disputed'])
    WITH p WHERE length(p) <= $request.max_length
    RETURN p
  }
  RETURN collect(p) AS paths
}
CALL (paths) {
  UNWIND paths AS p
  UNWIND relationships(p) AS r
  WITH DISTINCT r WHERE r.sources IS :: LIST<ANY> NOT NULL
  UNWIND r.sources AS sid
  WITH DISTINCT sid
  MATCH (s:Source {id: sid})
  RETURN collect({id: sid, element_id: elementId(s), names: [k IN $request.name_keys | s[k]]}) AS sources
}
RETURN a, b, paths, sources
