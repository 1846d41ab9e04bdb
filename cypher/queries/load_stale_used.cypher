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
WITH n, base, collect(r) AS used
RETURN n.id AS id, n.dataset AS dataset, toLower(base) AS kind, size(used) AS count,
       type(used[0]) AS type, used[0].id AS rel_id, used[0].dataset AS rel_dataset
ORDER BY id
LIMIT 20
