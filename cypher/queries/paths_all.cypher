// every shortest path (at most $paths_max) between two nodes ($from_key/$from_element_id and $to_key/$to_element_id,
// as in neighbourhood.cypher) of at most $max_length hops (the pattern's literal bound
// is the API's maximum, 6; a shortest path longer than $max_length means there is none
// within it). Paths never pass through a Source or Conflict node (every entity a source
// mentions would otherwise be two hops from every other), and with $established_only
// they use no relationship whose status is alleged, denied or disputed. The endpoints
// come back even when no path does, so a missing path and an unknown id differ.
CALL () {
  CALL () {
    MATCH (n) WHERE elementId(n) = $from_element_id RETURN n
    UNION
    MATCH (n:Entity {id: $from_key}) RETURN n
    UNION
    MATCH (n:Fact {id: $from_key}) RETURN n
    UNION
    MATCH (n:Source {id: $from_key}) RETURN n
    UNION
    MATCH (n:Conflict {id: $from_key}) RETURN n
  }
  RETURN collect(n)[0] AS a
}
CALL () {
  CALL () {
    MATCH (n) WHERE elementId(n) = $to_element_id RETURN n
    UNION
    MATCH (n:Entity {id: $to_key}) RETURN n
    UNION
    MATCH (n:Fact {id: $to_key}) RETURN n
    UNION
    MATCH (n:Source {id: $to_key}) RETURN n
    UNION
    MATCH (n:Conflict {id: $to_key}) RETURN n
  }
  RETURN collect(n)[0] AS b
}
CALL (a, b) {
  CALL (a, b) {
    WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL AND a <> b
    // The legacy allShortestPaths() runs a bidirectional breadth-first search and checks
    // these all(...) predicates while it searches; the GQL SHORTEST form took tens of
    // seconds on a 100,000-node power-law graph where this answers in well under one.
    MATCH p = allShortestPaths((a)-[*..6]-(b))
    WHERE all(n IN nodes(p) WHERE n = a OR n = b OR NOT (n:Source OR n:Conflict))
      AND all(r IN relationships(p) WHERE NOT $established_only OR NOT coalesce(r.status, 'reported') IN ['alleged', 'denied', 'disputed'])
    WITH p WHERE length(p) <= $max_length
    RETURN p
    LIMIT $paths_max
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
  RETURN collect({id: sid, title: coalesce(s.title, s.name)}) AS sources
}
RETURN a, b, paths, sources
