// Removes the nodes $datasets loaded before that the files no longer contain (the
// $keep keys are "Label|id", so an item moved between entities and facts is replaced).
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
DETACH DELETE n
RETURN count(n) AS deleted
