// One page of a node's relationships ($request.type: null for any; $request.direction: out, in or both)
// passing the same filters as neighbourhood.cypher (which says how dates compare), in the order
// the neighbourhood picks them in (below), so that paging continues exactly where a capped
// neighbourhood stopped. `total` counts them all: a constant-time
// degree lookup when nothing filters by property, type or label ($request.by_degree); a count
// that reads only each relationship's type when only a type filters ($request.by_type: the "and
// 340 more EMPLOYED_BY" case; Neo4j keeps per-type degrees but answers them only for a
// type written into the query, not for a parameter); else a count of the matching
// relationships, which evaluates every filter.
// A self-loop, (focus)-[r]->(focus), is one relationship going `out` and not `in`, as
// the neighbourhood and the entity's counts group it (startNode(r) = focus): direction
// both pages it once, out pages it, in does not. Neo4j's degrees count it in either
// direction, so the in-degree without loops is the whole degree less the out-degree,
// still two constant-time lookups.
CYPHER expressionEngine=interpreted
CALL () {
  MATCH (n) WHERE elementId(n) = $request.element_id RETURN n
  UNION
  MATCH (n:Entity {id: $request.key}) RETURN n
  UNION
  MATCH (n:Fact {id: $request.key}) RETURN n
  UNION
  MATCH (n:Source {id: $request.key}) RETURN n
  UNION
  MATCH (n:Conflict {id: $request.key}) RETURN n
}
WITH n AS focus LIMIT 1
WITH focus, COUNT { (focus)--() } AS degree
WITH focus, degree, CASE
  WHEN $request.by_degree AND $request.direction = 'out' THEN COUNT { (focus)-->() }
  WHEN $request.by_degree AND $request.direction = 'in' THEN degree - COUNT { (focus)-->() }
  WHEN $request.by_degree THEN degree
  WHEN $request.by_type AND $request.direction = 'out' THEN COUNT { (focus)-[r]->() WHERE type(r) = $request.type }
  WHEN $request.by_type AND $request.direction = 'in' THEN COUNT { (focus)<-[r]-(m) WHERE type(r) = $request.type AND m <> focus }
  WHEN $request.by_type THEN COUNT { (focus)-[r]-() WHERE type(r) = $request.type }
  ELSE COUNT {
    MATCH (focus)-[r]-(m)
    WHERE ($request.direction = 'both' OR ($request.direction = 'out') = (startNode(r) = focus))
      AND ($request.type IS NULL OR type(r) = $request.type)
      AND ($request.types IS NULL OR type(r) IN $request.types)
      AND ($request.labels IS NULL OR any(l IN labels(m) WHERE l IN $request.labels))
      AND ($request.status IS NULL OR r.status IN $request.status)
      AND ($request.source IS NULL OR (r.sources IS :: LIST<ANY> NOT NULL AND $request.source IN r.sources))
      AND (($request.from IS NULL AND $request.to IS NULL) OR any(k IN [d IN [x IN [r.date] WHERE x IS :: STRING NOT NULL | DATE NOT NULL | LOCAL DATETIME NOT NULL | ZONED DATETIME NOT NULL | toString(x)] | CASE WHEN NOT (d STARTS WITH '+' OR d STARTS WITH '-') THEN d WHEN NOT split(substring(d, 1), '-')[0] =~ '[0-9]+' THEN null WHEN split(substring(d, 1), '-')[0] =~ '0*' THEN '0000' + substring(d, 1 + size(split(substring(d, 1), '-')[0])) WHEN d STARTS WITH '-' THEN '!' WHEN split(substring(d, 1), '-')[0] =~ '0*[1-9][0-9]{4,}' THEN '~' ELSE right('0000' + split(substring(d, 1), '-')[0], 4) + substring(d, 1 + size(split(substring(d, 1), '-')[0])) END] WHERE (k IN ['~', '!'] OR k =~ '[0-9]{4}(-(0[1-9]|1[0-2])|-(0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])(T.*)?|-(0[469]|11)-(0[1-9]|[12][0-9]|30)(T.*)?|-02-(0[1-9]|1[0-9]|2[0-8])(T.*)?)?|([0-9]{2}(0[48]|[2468][048]|[13579][26])|([02468][048]|[13579][26])00)-02-29(T.*)?') AND ($request.from IS NULL OR left(k, size($request.from)) >= left($request.from, size(k))) AND ($request.to IS NULL OR left(k, size($request.to)) <= left($request.to, size(k)))))
  }
END AS total
// A node with at most $request.scan_max relationships pages them in the order in which the
// neighbourhood picks each type and direction's first: type, direction, then the
// relationship's id (when the node has at most $request.sort_max relationships) and element
// id; a supernode's pages follow the order Neo4j reads them in, as the neighbourhood's
// picks do, since sorting would read them all.
// Each branch collects its own rows, so that a list keeps the order it was sorted in; one
// of the two is empty, and either returns its row when the page is (an offset past the end).
CALL (focus, degree) {
  CALL (focus, degree) {
    WITH focus, degree WHERE degree <= $request.scan_max
    MATCH (focus)-[r]-(m)
    WHERE ($request.direction = 'both' OR ($request.direction = 'out') = (startNode(r) = focus))
      AND ($request.type IS NULL OR type(r) = $request.type)
      AND ($request.types IS NULL OR type(r) IN $request.types)
      AND ($request.labels IS NULL OR any(l IN labels(m) WHERE l IN $request.labels))
      AND ($request.status IS NULL OR r.status IN $request.status)
      AND ($request.source IS NULL OR (r.sources IS :: LIST<ANY> NOT NULL AND $request.source IN r.sources))
      AND (($request.from IS NULL AND $request.to IS NULL) OR any(k IN [d IN [x IN [r.date] WHERE x IS :: STRING NOT NULL | DATE NOT NULL | LOCAL DATETIME NOT NULL | ZONED DATETIME NOT NULL | toString(x)] | CASE WHEN NOT (d STARTS WITH '+' OR d STARTS WITH '-') THEN d WHEN NOT split(substring(d, 1), '-')[0] =~ '[0-9]+' THEN null WHEN split(substring(d, 1), '-')[0] =~ '0*' THEN '0000' + substring(d, 1 + size(split(substring(d, 1), '-')[0])) WHEN d STARTS WITH '-' THEN '!' WHEN split(substring(d, 1), '-')[0] =~ '0*[1-9][0-9]{4,}' THEN '~' ELSE right('0000' + split(substring(d, 1), '-')[0], 4) + substring(d, 1 + size(split(substring(d, 1), '-')[0])) END] WHERE (k IN ['~', '!'] OR k =~ '[0-9]{4}(-(0[1-9]|1[0-2])|-(0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])(T.*)?|-(0[469]|11)-(0[1-9]|[12][0-9]|30)(T.*)?|-02-(0[1-9]|1[0-9]|2[0-8])(T.*)?)?|([0-9]{2}(0[48]|[2468][048]|[13579][26])|([02468][048]|[13579][26])00)-02-29(T.*)?') AND ($request.from IS NULL OR left(k, size($request.from)) >= left($request.from, size(k))) AND ($request.to IS NULL OR left(k, size($request.to)) <= left($request.to, size(k)))))
    WITH r, m ORDER BY type(r), CASE WHEN startNode(r) = focus THEN 'out' ELSE 'in' END,
      CASE WHEN degree <= $request.sort_max AND r.id IS :: STRING NOT NULL THEN r.id ELSE '' END, elementId(r)
    SKIP $request.offset LIMIT $request.limit
    RETURN collect(r) AS rels, collect(m) AS others
    UNION ALL
    WITH focus, degree WHERE degree > $request.scan_max
    MATCH (focus)-[r]-(m)
    WHERE ($request.direction = 'both' OR ($request.direction = 'out') = (startNode(r) = focus))
      AND ($request.type IS NULL OR type(r) = $request.type)
      AND ($request.types IS NULL OR type(r) IN $request.types)
      AND ($request.labels IS NULL OR any(l IN labels(m) WHERE l IN $request.labels))
      AND ($request.status IS NULL OR r.status IN $request.status)
      AND ($request.source IS NULL OR (r.sources IS :: LIST<ANY> NOT NULL AND $request.source IN r.sources))
      AND (($request.from IS NULL AND $request.to IS NULL) OR any(k IN [d IN [x IN [r.date] WHERE x IS :: STRING NOT NULL | DATE NOT NULL | LOCAL DATETIME NOT NULL | ZONED DATETIME NOT NULL | toString(x)] | CASE WHEN NOT (d STARTS WITH '+' OR d STARTS WITH '-') THEN d WHEN NOT split(substring(d, 1), '-')[0] =~ '[0-9]+' THEN null WHEN split(substring(d, 1), '-')[0] =~ '0*' THEN '0000' + substring(d, 1 + size(split(substring(d, 1), '-')[0])) WHEN d STARTS WITH '-' THEN '!' WHEN split(substring(d, 1), '-')[0] =~ '0*[1-9][0-9]{4,}' THEN '~' ELSE right('0000' + split(substring(d, 1), '-')[0], 4) + substring(d, 1 + size(split(substring(d, 1), '-')[0])) END] WHERE (k IN ['~', '!'] OR k =~ '[0-9]{4}(-(0[1-9]|1[0-2])|-(0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])(T.*)?|-(0[469]|11)-(0[1-9]|[12][0-9]|30)(T.*)?|-02-(0[1-9]|1[0-9]|2[0-8])(T.*)?)?|([0-9]{2}(0[48]|[2468][048]|[13579][26])|([02468][048]|[13579][26])00)-02-29(T.*)?') AND ($request.from IS NULL OR left(k, size($request.from)) >= left($request.from, size(k))) AND ($request.to IS NULL OR left(k, size($request.to)) <= left($request.to, size(k)))))
    WITH r, m SKIP $request.offset LIMIT $request.limit
    RETURN collect(r) AS rels, collect(m) AS others
  }
  RETURN reduce(acc = [], part IN collect(rels) | acc + part) AS rels,
         reduce(acc = [], part IN collect(others) | acc + part) AS others
}
CALL (rels) {
  UNWIND rels AS r
  WITH r WHERE r.sources IS :: LIST<ANY> NOT NULL
  UNWIND r.sources AS sid
  WITH DISTINCT sid
  MATCH (s:Source {id: sid})
  RETURN collect({id: sid, element_id: elementId(s), names: [k IN $request.name_keys | s[k]]}) AS sources
}
RETURN focus, total, rels, others, sources
