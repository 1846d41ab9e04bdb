// The console's graph view: the nodes at the ends of relationships a query returned
// without their endpoints, so that the page can draw every edge. Keeps $ids' order.
UNWIND $ids AS id
MATCH (n)
WHERE elementId(n) = id
RETURN n
