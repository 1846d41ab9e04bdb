// Ids the load would take over from someone else: nodes with one of $ids that belong
// to another dataset or were not loaded by newsgraph at all. The loader refuses to
// load when any exist, so that other data is never silently overwritten.
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Entity {id: id}) RETURN n
  UNION
  MATCH (n:Fact {id: id}) RETURN n
  UNION
  MATCH (n:Source {id: id}) RETURN n
  UNION
  MATCH (n:Conflict {id: id}) RETURN n
}
WITH id, n
WHERE n.dataset IS NULL OR NOT n.dataset IN $datasets
RETURN id, n.dataset AS dataset, labels(n) AS labels
ORDER BY id
LIMIT 20
