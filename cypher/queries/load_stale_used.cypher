// What other data uses of the nodes a load would remove: the nodes $datasets loaded
// before that the files no longer contain (as load_delete_stale_nodes finds them), each
// with a relationship another dataset, or no newsgraph load, made. The loader refuses
// to remove them, since DETACH DELETE would take those relationships with them.
CALL () {
  MATCH (n:Entity) WHERE n.dataset IN $datasets RETURN n, 'Entity' AS base
  UNION
  MATCH (n:Fact) WHERE n.dataset IN $datasets RETURN n, 'Fact' AS base
  UNION
  MATCH (n:Source) WHERE n.dataset IN $datasets RETURN n, 'Source' AS base
  UNION
  MATCH (n:Conflict) WHERE n.dataset IN $datasets RETURN n, 'Conflict' AS base
}
WITH n, base
WHERE NOT (base + '|' + n.id) IN $keep
MATCH (n)-[r]-()
WHERE r.dataset IS NULL OR NOT r.dataset IN $datasets
WITH n, base, r ORDER BY n.id, type(r), elementId(r)
WITH n, base, collect(r) AS used ORDER BY n.id
// The first 20 are named; the total says how many more there are.
WITH collect({n: n, base: base, used: used}) AS stale
UNWIND stale[0..20] AS e
RETURN e.n.id AS id, e.n.dataset AS dataset, toLower(e.base) AS kind, size(e.used) AS count,
       type(e.used[0]) AS type, e.used[0].id AS rel_id, e.used[0].dataset AS rel_dataset, size(stale) AS total
