// Serialises loads of the same datasets: it takes the write lock of every source they
// loaded before (held until the load commits), so that a second load waits and then
// sees the first one's relationships instead of creating them again. The property is
// set and removed at once, so no element keeps it; Neo4j still lists its name among the
// property keys, which /api/schema leaves out (graph_counts.cypher). A first load needs no lock: creating the
// same source under its uniqueness constraint already makes the second load wait.
MATCH (s:Source)
WHERE s.dataset IN $datasets
SET s.newsgraph_load_lock = true
REMOVE s.newsgraph_load_lock
RETURN count(s) AS locked
