// Creates or updates one batch of relationships ($rows: {type, from, to, props}, with
// the ends as element ids of nodes this load has just merged). It matches an existing
// relationship by its id between the same two nodes instead of MERGE, because MERGE
// with a dynamic type cannot expand from the bound nodes and scans every relationship.
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.from
MATCH (b) WHERE elementId(b) = row.to
OPTIONAL MATCH (a)-[old]->(b)
WHERE type(old) = row.type AND old.id = row.props.id
WITH a, b, row, old,
     CASE
       WHEN old IS NULL THEN 'created'
       WHEN properties(old) = row.props THEN 'unchanged'
       ELSE 'updated'
     END AS change
CALL (a, b, row, change) {
  WITH a, b, row WHERE change = 'created'
  CREATE (a)-[r:$(row.type)]->(b)
  SET r = row.props
}
CALL (old, row, change) {
  WITH old, row WHERE change = 'updated'
  SET old = row.props
}
RETURN change, count(*) AS count
