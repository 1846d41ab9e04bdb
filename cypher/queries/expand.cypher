// One page of a node's relationships ($type: null for any; $direction: out, in or both)
// passing the same filters as neighbourhood.cypher, in the same order (the order Neo4j
// stores them, stable while the data does not change), so that paging continues
// exactly where a capped neighbourhood stopped. `total` counts them all: a constant-time
// degree lookup when nothing filters by property, type or label ($by_degree); a count
// that reads only each relationship's type when only a type filters ($by_type: the "and
// 340 more EMPLOYED_BY" case; Neo4j keeps per-type degrees but answers them only for a
// type written into the query, not for a parameter); else a count of the matching
// relationships, which evaluates every filter.
CALL () {
  MATCH (n) WHERE elementId(n) = $element_id RETURN n
  UNION
  MATCH (n:Entity {id: $key}) RETURN n
  UNION
  MATCH (n:Fact {id: $key}) RETURN n
  UNION
  MATCH (n:Source {id: $key}) RETURN n
  UNION
  MATCH (n:Conflict {id: $key}) RETURN n
}
WITH n AS focus LIMIT 1
WITH focus, CASE
  WHEN $by_degree AND $direction = 'out' THEN COUNT { (focus)-->() }
  WHEN $by_degree AND $direction = 'in' THEN COUNT { (focus)<--() }
  WHEN $by_degree THEN COUNT { (focus)--() }
  WHEN $by_type AND $direction = 'out' THEN COUNT { (focus)-[r]->() WHERE type(r) = $type }
  WHEN $by_type AND $direction = 'in' THEN COUNT { (focus)<-[r]-() WHERE type(r) = $type }
  WHEN $by_type THEN COUNT { (focus)-[r]-() WHERE type(r) = $type }
  ELSE COUNT {
    MATCH (focus)-[r]-(m)
    WHERE ($direction = 'both' OR ($direction = 'out') = (startNode(r) = focus))
      AND ($type IS NULL OR type(r) = $type)
      AND ($types IS NULL OR type(r) IN $types)
      AND ($labels IS NULL OR any(l IN labels(m) WHERE l IN $labels))
      AND ($status IS NULL OR r.status IN $status)
      AND ($source IS NULL OR (r.sources IS :: LIST<ANY> NOT NULL AND $source IN r.sources))
      AND ($from IS NULL OR (r.date IS :: STRING NOT NULL AND left(r.date, size($from)) >= left($from, size(r.date))))
      AND ($to IS NULL OR (r.date IS :: STRING NOT NULL AND left(r.date, size($to)) <= left($to, size(r.date))))
  }
END AS total
// The nested CALL keeps the focus row when the page is empty (an offset past the end).
CALL (focus) {
  CALL (focus) {
    MATCH (focus)-[r]-(m)
    WHERE ($direction = 'both' OR ($direction = 'out') = (startNode(r) = focus))
      AND ($type IS NULL OR type(r) = $type)
      AND ($types IS NULL OR type(r) IN $types)
      AND ($labels IS NULL OR any(l IN labels(m) WHERE l IN $labels))
      AND ($status IS NULL OR r.status IN $status)
      AND ($source IS NULL OR (r.sources IS :: LIST<ANY> NOT NULL AND $source IN r.sources))
      AND ($from IS NULL OR (r.date IS :: STRING NOT NULL AND left(r.date, size($from)) >= left($from, size(r.date))))
      AND ($to IS NULL OR (r.date IS :: STRING NOT NULL AND left(r.date, size($to)) <= left($to, size(r.date))))
    RETURN r, m SKIP $offset LIMIT $limit
  }
  RETURN collect(r) AS rels, collect(m) AS others
}
CALL (rels) {
  UNWIND rels AS r
  WITH r WHERE r.sources IS :: LIST<ANY> NOT NULL
  UNWIND r.sources AS sid
  WITH DISTINCT sid
  MATCH (s:Source {id: sid})
  RETURN collect({id: sid, title: coalesce(s.title, s.name)}) AS sources
}
RETURN focus, total, rels, others, sources
