// The console's graph view: the nodes at the ends of relationships a query returned
// without their endpoints, so that the page can draw every edge. Keeps $ids' order.
// Their properties go to the graph only, where a value over 4,096 bytes of JSON is a
// preview, so a long value is cut here rather than shipped whole: 204 endpoints with a
// 600 KB description each made Neo4j send 120 MB that the server then threw away. Only
// values sure to be over the preview limit are cut (a string of more than $max_chars
// characters; a list of more than $max_items items, or of strings of more than
// $max_chars characters in all); each property is [key, value] when whole, [key, null,
// its first $preview_chars characters, its characters] for a cut string and [key, null,
// null, its items] for a cut list.
UNWIND $ids AS id
MATCH (n)
WHERE elementId(n) = id
RETURN elementId(n) AS id, labels(n) AS labels, COLLECT {
  UNWIND keys(n) AS k
  WITH k, n[k] AS v
  RETURN CASE
    WHEN v IS :: STRING AND size(v) > $max_chars THEN [k, null, left(v, $preview_chars), size(v)]
    WHEN v IS :: LIST<ANY> AND size(v) > $max_items THEN [k, null, null, size(v)]
    WHEN v IS :: LIST<STRING> AND reduce(chars = 0, s IN v | chars + size(s)) > $max_chars THEN [k, null, null, size(v)]
    ELSE [k, v]
  END
} AS properties
