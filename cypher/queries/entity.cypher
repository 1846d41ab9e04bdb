// One node ($request.key: its id property, or $request.element_id) with its relationship counts per type
// and direction, the first $request.facts_max of its relationships with the node at the other end
// (a source's MENTIONS and a conflict's INVOLVES are listed as sources and conflicts
// instead), the sources that mention it or support the listed facts, and its conflicts.
// Counting reads every relationship of the node once; the list is capped.
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
WITH n LIMIT 1
// A supernode's relationships are too many to read for every call (the facts' order,
// their conflicts): beyond $request.scan_max, only what is listed counts.
WITH n, COUNT { (n)--() } <= $request.scan_max AS scannable
CALL (n) {
  MATCH (n)-[r]-()
  WITH type(r) AS type, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction, count(*) AS count
  ORDER BY type, direction
  RETURN collect({type: type, direction: direction, count: count}) AS counts
}
// The cap keeps the first facts in the answer's order (type, id, element id), so that a
// request lists the same facts however Neo4j stores them; a supernode's are the first
// it reads.
// Each branch collects its own rows, so that the list keeps the order it sorted them
// in; one of the two lists is empty.
CALL (n, scannable) {
  CALL (n, scannable) {
    WITH n WHERE scannable
    MATCH (n)-[r]-(other)
    WHERE NOT (type(r) = 'MENTIONS' AND other:Source) AND NOT (type(r) = 'INVOLVES' AND other:Conflict)
    WITH r, other ORDER BY type(r), CASE WHEN r.id IS :: STRING NOT NULL THEN r.id ELSE '' END, elementId(r)
    LIMIT $request.facts_max + 1
    RETURN collect({r: r, other: other}) AS listed
    UNION ALL
    WITH n WHERE NOT scannable
    MATCH (n)-[r]-(other)
    WHERE NOT (type(r) = 'MENTIONS' AND other:Source) AND NOT (type(r) = 'INVOLVES' AND other:Conflict)
    WITH r, other LIMIT $request.facts_max + 1
    RETURN collect({r: r, other: other}) AS listed
  }
  RETURN reduce(acc = [], part IN collect(listed) | acc + part) AS listed
}
// One fact past the cap tells whether the list is complete.
WITH n, scannable, counts, listed[..$request.facts_max] AS facts, size(listed) > $request.facts_max AS facts_truncated
CALL (n, facts) {
  CALL (n, facts) {
    MATCH (s:Source)-[:MENTIONS]->(n) RETURN s
    UNION
    WITH n, facts
    UNWIND [f IN facts WHERE f.r.sources IS :: LIST<ANY> NOT NULL | f.r.sources] + CASE WHEN n.sources IS :: LIST<ANY> NOT NULL THEN [n.sources] ELSE [] END AS ids
    UNWIND ids AS sid
    MATCH (s:Source {id: sid}) RETURN s
  }
  WITH s ORDER BY s.id, elementId(s)
  RETURN collect(s) AS sources
}
// Its conflicts: those that involve it, its own, and those of its facts. All its facts,
// not only the listed ones, unless it is a supernode: reading a property of each of
// 50,000 relationships costs 30 ms, so there only the listed facts' count.
CALL (n, facts, scannable) {
  CALL (n, facts, scannable) {
    MATCH (c:Conflict)-[:INVOLVES]->(n) RETURN c
    UNION
    WITH n, facts
    UNWIND [f IN facts WHERE f.r.conflicts IS :: LIST<ANY> NOT NULL | f.r.conflicts] + CASE WHEN n.conflicts IS :: LIST<ANY> NOT NULL THEN [n.conflicts] ELSE [] END AS ids
    UNWIND ids AS cid
    MATCH (c:Conflict {id: cid}) RETURN c
    UNION
    WITH n WHERE scannable
    MATCH (n)-[r]-()
    WHERE r.conflicts IS :: LIST<ANY> NOT NULL
    UNWIND r.conflicts AS cid
    MATCH (c:Conflict {id: cid}) RETURN c
  }
  // Of each, only what names it (entity.go, conflictOf): its element id, its id when it is
  // text, and the values of the display name's candidates ($request.keys, in order) up to the
  // first that surely reads as one (a number, a boolean, text holding a visible ASCII
  // character, or a list with such an element), null where it has none; the store picks the
  // name from those as it would from the whole node. A foreign Conflict's other properties
  // (a 1 MB description) are never read.
  RETURN collect({element_id: elementId(c), id: CASE WHEN c.id IS :: STRING THEN c.id END,
    names: reduce(acc = {done: false, values: []}, k IN $request.keys | CASE WHEN acc.done THEN acc ELSE {
      done: c[k] IS :: INTEGER NOT NULL | FLOAT NOT NULL | BOOLEAN NOT NULL
        OR (c[k] IS :: STRING NOT NULL AND c[k] =~ '(?s).*[!-~].*')
        OR (c[k] IS :: LIST<ANY> NOT NULL AND any(x IN c[k] WHERE x IS :: INTEGER NOT NULL | FLOAT NOT NULL | BOOLEAN NOT NULL
                                                    OR (x IS :: STRING NOT NULL AND x =~ '(?s).*[!-~].*'))),
      values: acc.values + [c[k]]} END).values}) AS conflicts // sorted by the store, as /api/conflicts sorts them
}
RETURN n, counts, facts, facts_truncated, sources, conflicts
