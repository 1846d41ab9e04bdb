// Ids the load would take over from someone else: nodes with one of $ids that belong
// to another dataset or were not loaded by newsgraph at all. The loader refuses to
// load when any exist, so that other data is never silently overwritten.
// Each label is matched with IN, which seeks the uniqueness constraint's index once
// for all ids and, on a database without it (a foreign one, checked before newsgraph's
// schema is applied), scans the label once rather than once per id.
CALL () {
  MATCH (n:Entity) WHERE n.id IN $ids RETURN n
  UNION
  MATCH (n:Fact) WHERE n.id IN $ids RETURN n
  UNION
  MATCH (n:Source) WHERE n.id IN $ids RETURN n
  UNION
  MATCH (n:Conflict) WHERE n.id IN $ids RETURN n
}
WITH n
WHERE n.dataset IS NULL OR NOT n.dataset IN $datasets
WITH n ORDER BY n.id, elementId(n)
// The first 20 are named; the total says how many more there are.
WITH collect(n) AS taken
UNWIND taken[0..20] AS n
RETURN n.id AS id, n.dataset AS dataset, labels(n) AS labels, size(taken) AS total
