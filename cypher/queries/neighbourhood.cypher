// The neighbourhood of one node ($request.key: its id property, or $request.element_id), level by level
// up to $request.depth (1..3), in one round trip and without ever reading every relationship of
// a supernode. For each node it expands:
//   - when the node has at most $request.scan_max relationships (a constant-time degree
//     lookup), it reads them all, keeps those passing the filters, groups them by type
//     and direction with exact totals and keeps the first $request.per_node of each group:
//     by the relationship's id, then its element id, when the node has at most
//     $request.sort_max relationships (as the entity's facts are ordered: the picks then
//     depend on the data alone, not on the order Neo4j stores it in), else by element id
//     (which reads no property);
//   - otherwise (a supernode) it takes only the first $request.per_node passing the filters, in
//     storage order, and reports its degree as the total for a null type and direction
//     "both" (counting per type would mean reading all of them).
// Each node then keeps at most $request.per_node candidates, round-robin over its groups
// (smallest first) so that one huge type cannot crowd out the rare ones. New nodes join
// until the answer holds $request.limit nodes. The three level blocks are identical but for
// their $request.depth guard; the caller dedupes relationships seen from both ends and derives
// what was left out from `groups`.
// Filters (null = no filter): $request.types (relationship types), $request.labels (the neighbour has
// one of them), $request.status (r.status is one of them), $request.source (r.sources contains it),
// $request.from/$request.to (r.date overlaps the range at the coarser precision: an ISO-8601 string prefix, or a
// DATE, LOCAL DATETIME or ZONED DATETIME through its ISO text, whose date is the one it holds in its own zone).
// The bounds are YYYY, YYYY-MM or YYYY-MM-DD with years 0000-9999, and a date's text is compared with them
// as text once its year is four digits: a signed year (Neo4j's toString writes +10000-01-01 and
// -0044-03-15, ISO 8601 strings may too) becomes its four digits when it is 0 to 9999 (+2025-06 is
// 2025-06), '~' when it is beyond 9999 (after every bound: '~' sorts after the digits) and '!' when it
// is before year 0 (before every bound); a sign without digits after it passes neither bound. Only a
// text starting with a sign takes that path. Then only a date passes: YYYY, YYYY-MM, or a calendar
// day YYYY-MM-DD (no 30 February; 29 February in leap years) with nothing after it or a time after
// a T; any other text ('unknown', 'June 2020', ' 2020', '20201', '2020-13-45') passes no bound.
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
WITH focus, [focus] AS nodes, [focus] AS frontier, [] AS expanded, false AS cut

// Level 1.
CALL (nodes, frontier) {
  // The focus is always expanded, even when $request.limit is 1: its groups are what
  // the answer says it left out, and where paging through the rest starts.
  UNWIND CASE WHEN $request.depth >= 1 THEN frontier ELSE [] END AS u
  CALL (u) {
    WITH u, COUNT { (u)--() } AS degree
    CALL (u, degree) {
      WITH u, degree WHERE degree <= $request.scan_max
      MATCH (u)-[r]-(m)
      WHERE ($request.types IS NULL OR type(r) IN $request.types)
          AND ($request.labels IS NULL OR any(l IN labels(m) WHERE l IN $request.labels))
          AND ($request.status IS NULL OR r.status IN $request.status)
          AND ($request.source IS NULL OR (r.sources IS :: LIST<ANY> NOT NULL AND $request.source IN r.sources))
          AND (($request.from IS NULL AND $request.to IS NULL) OR any(k IN [d IN [x IN [r.date] WHERE x IS :: STRING NOT NULL | DATE NOT NULL | LOCAL DATETIME NOT NULL | ZONED DATETIME NOT NULL | toString(x)] | CASE WHEN NOT (d STARTS WITH '+' OR d STARTS WITH '-') THEN d WHEN NOT split(substring(d, 1), '-')[0] =~ '[0-9]+' THEN null WHEN split(substring(d, 1), '-')[0] =~ '0*' THEN '0000' + substring(d, 1 + size(split(substring(d, 1), '-')[0])) WHEN d STARTS WITH '-' THEN '!' WHEN split(substring(d, 1), '-')[0] =~ '0*[1-9][0-9]{4,}' THEN '~' ELSE right('0000' + split(substring(d, 1), '-')[0], 4) + substring(d, 1 + size(split(substring(d, 1), '-')[0])) END] WHERE (k IN ['~', '!'] OR k =~ '[0-9]{4}(-(0[1-9]|1[0-2])|-(0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])(T.*)?|-(0[469]|11)-(0[1-9]|[12][0-9]|30)(T.*)?|-02-(0[1-9]|1[0-9]|2[0-8])(T.*)?)?|([0-9]{2}(0[48]|[2468][048]|[13579][26])|([02468][048]|[13579][26])00)-02-29(T.*)?') AND ($request.from IS NULL OR left(k, size($request.from)) >= left($request.from, size(k))) AND ($request.to IS NULL OR left(k, size($request.to)) <= left($request.to, size(k)))))
      WITH u, r, m ORDER BY CASE WHEN degree <= $request.sort_max AND r.id IS :: STRING NOT NULL THEN r.id ELSE '' END, elementId(r)
      WITH type(r) AS type, CASE WHEN startNode(r) = u THEN 'out' ELSE 'in' END AS direction, collect([r, m]) AS rs
      RETURN type, direction, size(rs) AS total, rs[0..$request.per_node] AS rs
      UNION ALL
      WITH u, degree WHERE degree > $request.scan_max
      CALL (u) {
        MATCH (u)-[r]-(m)
        WHERE ($request.types IS NULL OR type(r) IN $request.types)
          AND ($request.labels IS NULL OR any(l IN labels(m) WHERE l IN $request.labels))
          AND ($request.status IS NULL OR r.status IN $request.status)
          AND ($request.source IS NULL OR (r.sources IS :: LIST<ANY> NOT NULL AND $request.source IN r.sources))
          AND (($request.from IS NULL AND $request.to IS NULL) OR any(k IN [d IN [x IN [r.date] WHERE x IS :: STRING NOT NULL | DATE NOT NULL | LOCAL DATETIME NOT NULL | ZONED DATETIME NOT NULL | toString(x)] | CASE WHEN NOT (d STARTS WITH '+' OR d STARTS WITH '-') THEN d WHEN NOT split(substring(d, 1), '-')[0] =~ '[0-9]+' THEN null WHEN split(substring(d, 1), '-')[0] =~ '0*' THEN '0000' + substring(d, 1 + size(split(substring(d, 1), '-')[0])) WHEN d STARTS WITH '-' THEN '!' WHEN split(substring(d, 1), '-')[0] =~ '0*[1-9][0-9]{4,}' THEN '~' ELSE right('0000' + split(substring(d, 1), '-')[0], 4) + substring(d, 1 + size(split(substring(d, 1), '-')[0])) END] WHERE (k IN ['~', '!'] OR k =~ '[0-9]{4}(-(0[1-9]|1[0-2])|-(0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])(T.*)?|-(0[469]|11)-(0[1-9]|[12][0-9]|30)(T.*)?|-02-(0[1-9]|1[0-9]|2[0-8])(T.*)?)?|([0-9]{2}(0[48]|[2468][048]|[13579][26])|([02468][048]|[13579][26])00)-02-29(T.*)?') AND ($request.from IS NULL OR left(k, size($request.from)) >= left($request.from, size(k))) AND ($request.to IS NULL OR left(k, size($request.to)) <= left($request.to, size(k)))))
        RETURN r, m LIMIT $request.per_node
      }
      WITH degree, collect([r, m]) AS rs
      RETURN null AS type, 'both' AS direction, degree AS total, rs
    }
    WITH u, type, direction, total, rs ORDER BY total, type, direction
    WITH u, collect({type: type, direction: direction, total: total, rs: rs}) AS groups
    RETURN [g IN groups | {type: g.type, direction: g.direction, total: g.total}] AS groups,
           reduce(acc = [], i IN range(0, $request.per_node - 1) | acc + [g IN groups WHERE i < size(g.rs) | g.rs[i]])[0..$request.per_node] AS picks
  }
  RETURN collect({node: u, groups: groups, picks: picks}) AS level
}
CALL (nodes, level) {
  UNWIND level AS e
  UNWIND e.picks AS p
  WITH nodes, p[1] AS m WHERE NOT m IN nodes
  RETURN collect(DISTINCT m) AS fresh
}
WITH focus, nodes + fresh[0..$request.limit - size(nodes)] AS nodes, fresh[0..$request.limit - size(nodes)] AS frontier,
     expanded + level AS expanded,
     cut OR size(fresh) > $request.limit - size(nodes) OR ($request.depth >= 1 AND size(nodes) >= $request.limit AND size(frontier) > 0) AS cut

// Level 2.
CALL (nodes, frontier) {
  UNWIND CASE WHEN $request.depth >= 2 AND size(nodes) < $request.limit THEN frontier ELSE [] END AS u
  CALL (u) {
    WITH u, COUNT { (u)--() } AS degree
    CALL (u, degree) {
      WITH u, degree WHERE degree <= $request.scan_max
      MATCH (u)-[r]-(m)
      WHERE ($request.types IS NULL OR type(r) IN $request.types)
          AND ($request.labels IS NULL OR any(l IN labels(m) WHERE l IN $request.labels))
          AND ($request.status IS NULL OR r.status IN $request.status)
          AND ($request.source IS NULL OR (r.sources IS :: LIST<ANY> NOT NULL AND $request.source IN r.sources))
          AND (($request.from IS NULL AND $request.to IS NULL) OR any(k IN [d IN [x IN [r.date] WHERE x IS :: STRING NOT NULL | DATE NOT NULL | LOCAL DATETIME NOT NULL | ZONED DATETIME NOT NULL | toString(x)] | CASE WHEN NOT (d STARTS WITH '+' OR d STARTS WITH '-') THEN d WHEN NOT split(substring(d, 1), '-')[0] =~ '[0-9]+' THEN null WHEN split(substring(d, 1), '-')[0] =~ '0*' THEN '0000' + substring(d, 1 + size(split(substring(d, 1), '-')[0])) WHEN d STARTS WITH '-' THEN '!' WHEN split(substring(d, 1), '-')[0] =~ '0*[1-9][0-9]{4,}' THEN '~' ELSE right('0000' + split(substring(d, 1), '-')[0], 4) + substring(d, 1 + size(split(substring(d, 1), '-')[0])) END] WHERE (k IN ['~', '!'] OR k =~ '[0-9]{4}(-(0[1-9]|1[0-2])|-(0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])(T.*)?|-(0[469]|11)-(0[1-9]|[12][0-9]|30)(T.*)?|-02-(0[1-9]|1[0-9]|2[0-8])(T.*)?)?|([0-9]{2}(0[48]|[2468][048]|[13579][26])|([02468][048]|[13579][26])00)-02-29(T.*)?') AND ($request.from IS NULL OR left(k, size($request.from)) >= left($request.from, size(k))) AND ($request.to IS NULL OR left(k, size($request.to)) <= left($request.to, size(k)))))
      WITH u, r, m ORDER BY CASE WHEN degree <= $request.sort_max AND r.id IS :: STRING NOT NULL THEN r.id ELSE '' END, elementId(r)
      WITH type(r) AS type, CASE WHEN startNode(r) = u THEN 'out' ELSE 'in' END AS direction, collect([r, m]) AS rs
      RETURN type, direction, size(rs) AS total, rs[0..$request.per_node] AS rs
      UNION ALL
      WITH u, degree WHERE degree > $request.scan_max
      CALL (u) {
        MATCH (u)-[r]-(m)
        WHERE ($request.types IS NULL OR type(r) IN $request.types)
          AND ($request.labels IS NULL OR any(l IN labels(m) WHERE l IN $request.labels))
          AND ($request.status IS NULL OR r.status IN $request.status)
          AND ($request.source IS NULL OR (r.sources IS :: LIST<ANY> NOT NULL AND $request.source IN r.sources))
          AND (($request.from IS NULL AND $request.to IS NULL) OR any(k IN [d IN [x IN [r.date] WHERE x IS :: STRING NOT NULL | DATE NOT NULL | LOCAL DATETIME NOT NULL | ZONED DATETIME NOT NULL | toString(x)] | CASE WHEN NOT (d STARTS WITH '+' OR d STARTS WITH '-') THEN d WHEN NOT split(substring(d, 1), '-')[0] =~ '[0-9]+' THEN null WHEN split(substring(d, 1), '-')[0] =~ '0*' THEN '0000' + substring(d, 1 + size(split(substring(d, 1), '-')[0])) WHEN d STARTS WITH '-' THEN '!' WHEN split(substring(d, 1), '-')[0] =~ '0*[1-9][0-9]{4,}' THEN '~' ELSE right('0000' + split(substring(d, 1), '-')[0], 4) + substring(d, 1 + size(split(substring(d, 1), '-')[0])) END] WHERE (k IN ['~', '!'] OR k =~ '[0-9]{4}(-(0[1-9]|1[0-2])|-(0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])(T.*)?|-(0[469]|11)-(0[1-9]|[12][0-9]|30)(T.*)?|-02-(0[1-9]|1[0-9]|2[0-8])(T.*)?)?|([0-9]{2}(0[48]|[2468][048]|[13579][26])|([02468][048]|[13579][26])00)-02-29(T.*)?') AND ($request.from IS NULL OR left(k, size($request.from)) >= left($request.from, size(k))) AND ($request.to IS NULL OR left(k, size($request.to)) <= left($request.to, size(k)))))
        RETURN r, m LIMIT $request.per_node
      }
      WITH degree, collect([r, m]) AS rs
      RETURN null AS type, 'both' AS direction, degree AS total, rs
    }
    WITH u, type, direction, total, rs ORDER BY total, type, direction
    WITH u, collect({type: type, direction: direction, total: total, rs: rs}) AS groups
    RETURN [g IN groups | {type: g.type, direction: g.direction, total: g.total}] AS groups,
           reduce(acc = [], i IN range(0, $request.per_node - 1) | acc + [g IN groups WHERE i < size(g.rs) | g.rs[i]])[0..$request.per_node] AS picks
  }
  RETURN collect({node: u, groups: groups, picks: picks}) AS level
}
CALL (nodes, level) {
  UNWIND level AS e
  UNWIND e.picks AS p
  WITH nodes, p[1] AS m WHERE NOT m IN nodes
  RETURN collect(DISTINCT m) AS fresh
}
WITH focus, nodes + fresh[0..$request.limit - size(nodes)] AS nodes, fresh[0..$request.limit - size(nodes)] AS frontier,
     expanded + level AS expanded,
     cut OR size(fresh) > $request.limit - size(nodes) OR ($request.depth >= 2 AND size(nodes) >= $request.limit AND size(frontier) > 0) AS cut

// Level 3.
CALL (nodes, frontier) {
  UNWIND CASE WHEN $request.depth >= 3 AND size(nodes) < $request.limit THEN frontier ELSE [] END AS u
  CALL (u) {
    WITH u, COUNT { (u)--() } AS degree
    CALL (u, degree) {
      WITH u, degree WHERE degree <= $request.scan_max
      MATCH (u)-[r]-(m)
      WHERE ($request.types IS NULL OR type(r) IN $request.types)
          AND ($request.labels IS NULL OR any(l IN labels(m) WHERE l IN $request.labels))
          AND ($request.status IS NULL OR r.status IN $request.status)
          AND ($request.source IS NULL OR (r.sources IS :: LIST<ANY> NOT NULL AND $request.source IN r.sources))
          AND (($request.from IS NULL AND $request.to IS NULL) OR any(k IN [d IN [x IN [r.date] WHERE x IS :: STRING NOT NULL | DATE NOT NULL | LOCAL DATETIME NOT NULL | ZONED DATETIME NOT NULL | toString(x)] | CASE WHEN NOT (d STARTS WITH '+' OR d STARTS WITH '-') THEN d WHEN NOT split(substring(d, 1), '-')[0] =~ '[0-9]+' THEN null WHEN split(substring(d, 1), '-')[0] =~ '0*' THEN '0000' + substring(d, 1 + size(split(substring(d, 1), '-')[0])) WHEN d STARTS WITH '-' THEN '!' WHEN split(substring(d, 1), '-')[0] =~ '0*[1-9][0-9]{4,}' THEN '~' ELSE right('0000' + split(substring(d, 1), '-')[0], 4) + substring(d, 1 + size(split(substring(d, 1), '-')[0])) END] WHERE (k IN ['~', '!'] OR k =~ '[0-9]{4}(-(0[1-9]|1[0-2])|-(0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])(T.*)?|-(0[469]|11)-(0[1-9]|[12][0-9]|30)(T.*)?|-02-(0[1-9]|1[0-9]|2[0-8])(T.*)?)?|([0-9]{2}(0[48]|[2468][048]|[13579][26])|([02468][048]|[13579][26])00)-02-29(T.*)?') AND ($request.from IS NULL OR left(k, size($request.from)) >= left($request.from, size(k))) AND ($request.to IS NULL OR left(k, size($request.to)) <= left($request.to, size(k)))))
      WITH u, r, m ORDER BY CASE WHEN degree <= $request.sort_max AND r.id IS :: STRING NOT NULL THEN r.id ELSE '' END, elementId(r)
      WITH type(r) AS type, CASE WHEN startNode(r) = u THEN 'out' ELSE 'in' END AS direction, collect([r, m]) AS rs
      RETURN type, direction, size(rs) AS total, rs[0..$request.per_node] AS rs
      UNION ALL
      WITH u, degree WHERE degree > $request.scan_max
      CALL (u) {
        MATCH (u)-[r]-(m)
        WHERE ($request.types IS NULL OR type(r) IN $request.types)
          AND ($request.labels IS NULL OR any(l IN labels(m) WHERE l IN $request.labels))
          AND ($request.status IS NULL OR r.status IN $request.status)
          AND ($request.source IS NULL OR (r.sources IS :: LIST<ANY> NOT NULL AND $request.source IN r.sources))
          AND (($request.from IS NULL AND $request.to IS NULL) OR any(k IN [d IN [x IN [r.date] WHERE x IS :: STRING NOT NULL | DATE NOT NULL | LOCAL DATETIME NOT NULL | ZONED DATETIME NOT NULL | toString(x)] | CASE WHEN NOT (d STARTS WITH '+' OR d STARTS WITH '-') THEN d WHEN NOT split(substring(d, 1), '-')[0] =~ '[0-9]+' THEN null WHEN split(substring(d, 1), '-')[0] =~ '0*' THEN '0000' + substring(d, 1 + size(split(substring(d, 1), '-')[0])) WHEN d STARTS WITH '-' THEN '!' WHEN split(substring(d, 1), '-')[0] =~ '0*[1-9][0-9]{4,}' THEN '~' ELSE right('0000' + split(substring(d, 1), '-')[0], 4) + substring(d, 1 + size(split(substring(d, 1), '-')[0])) END] WHERE (k IN ['~', '!'] OR k =~ '[0-9]{4}(-(0[1-9]|1[0-2])|-(0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])(T.*)?|-(0[469]|11)-(0[1-9]|[12][0-9]|30)(T.*)?|-02-(0[1-9]|1[0-9]|2[0-8])(T.*)?)?|([0-9]{2}(0[48]|[2468][048]|[13579][26])|([02468][048]|[13579][26])00)-02-29(T.*)?') AND ($request.from IS NULL OR left(k, size($request.from)) >= left($request.from, size(k))) AND ($request.to IS NULL OR left(k, size($request.to)) <= left($request.to, size(k)))))
        RETURN r, m LIMIT $request.per_node
      }
      WITH degree, collect([r, m]) AS rs
      RETURN null AS type, 'both' AS direction, degree AS total, rs
    }
    WITH u, type, direction, total, rs ORDER BY total, type, direction
    WITH u, collect({type: type, direction: direction, total: total, rs: rs}) AS groups
    RETURN [g IN groups | {type: g.type, direction: g.direction, total: g.total}] AS groups,
           reduce(acc = [], i IN range(0, $request.per_node - 1) | acc + [g IN groups WHERE i < size(g.rs) | g.rs[i]])[0..$request.per_node] AS picks
  }
  RETURN collect({node: u, groups: groups, picks: picks}) AS level
}
CALL (nodes, level) {
  UNWIND level AS e
  UNWIND e.picks AS p
  WITH nodes, p[1] AS m WHERE NOT m IN nodes
  RETURN collect(DISTINCT m) AS fresh
}
WITH focus, nodes + fresh[0..$request.limit - size(nodes)] AS nodes, fresh[0..$request.limit - size(nodes)] AS frontier,
     expanded + level AS expanded,
     cut OR size(fresh) > $request.limit - size(nodes) OR ($request.depth >= 3 AND size(nodes) >= $request.limit AND size(frontier) > 0) AS cut

// Titles of every source cited by a picked relationship, for the evidence panel: the values of
// $request.name_keys (the title, and the display name's candidates), from which the store
// titles a source as it does everywhere (its title, else its display name).
CALL (expanded) {
  UNWIND expanded AS e
  UNWIND e.picks AS p
  WITH p[0] AS r WHERE r.sources IS :: LIST<ANY> NOT NULL
  UNWIND r.sources AS sid
  WITH DISTINCT sid
  MATCH (s:Source {id: sid})
  RETURN collect({id: sid, element_id: elementId(s), names: [k IN $request.name_keys | s[k]]}) AS sources
}
// Only the picks whose other end made it into the answer leave whole: at depth 3 the
// level that reaches $request.limit picks about twice as many relationships again towards
// nodes the limit cut, and shipping them cost more than this list scan. A cut pick
// leaves as its [type, direction] alone, in its place: paging through its group must
// start from it (the omission's `shown`), not after the picks that made it.
RETURN focus, nodes, [e IN expanded | {node: elementId(e.node), groups: e.groups,
       picks: [p IN e.picks | CASE WHEN p[1] IN nodes THEN p[0]
                                   ELSE [type(p[0]), CASE WHEN startNode(p[0]) = e.node THEN 'out' ELSE 'in' END] END]}] AS expanded,
       cut, sources
