// Removes the nodes $datasets loaded before that the files no longer contain (the
// $keep keys are "Label|id", so an item moved between entities and facts is replaced),
// and says per dataset how many nodes it held and how many went: the loader refuses a
// reload that removes most of a dataset, which a file cut short does, by rolling the
// transaction back.
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
     collect(CASE WHEN NOT (base + '|' + n.id) IN $keep THEN n END) AS stale
FOREACH (n IN stale | DETACH DELETE n)
RETURN dataset, existing, size(stale) AS stale
