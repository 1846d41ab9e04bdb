// Deletes up to $batch nodes of one dataset with their relationships; callers repeat it
// until it deletes nothing, so no single transaction has to hold a whole large graph.
MATCH (n {dataset: $dataset})
WITH n LIMIT $batch
DETACH DELETE n
RETURN count(*) AS deleted
