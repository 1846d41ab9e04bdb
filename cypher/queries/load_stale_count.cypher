// How many nodes each of $datasets holds, and how many of them the load would remove
// (those the files no longer contain, as load_delete_stale_nodes finds them): the
// loader asks before it removes most of a dataset, which a file cut short would do.
CALL () {
  MATCH (n:Entity) WHERE n.dataset IN $datasets RETURN n, 'Entity' AS base
  UNION
  MATCH (n:Fact) WHERE n.dataset IN $datasets RETURN n, 'Fact' AS base
  UNION
  MATCH (n:Source) WHERE n.dataset IN $datasets RETURN n, 'Source' AS base
  UNION
  MATCH (n:Conflict) WHERE n.dataset IN $datasets RETURN n, 'Conflict' AS base
}
WITH n.dataset AS dataset, count(n) AS existing,
     count(CASE WHEN NOT (base + '|' + n.id) IN $keep THEN 1 END) AS stale
RETURN dataset, existing, stale
ORDER BY dataset
