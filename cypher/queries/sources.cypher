// One page of the Source nodes in stable order, with how many there are.
CYPHER expressionEngine=interpreted
CALL () {
  MATCH (s:Source) RETURN count(s) AS total
}
CALL () {
  MATCH (s:Source)
  WITH s ORDER BY s.id, elementId(s)
  SKIP $request.offset LIMIT $request.limit
  RETURN collect(s) AS sources
}
RETURN total, sources
