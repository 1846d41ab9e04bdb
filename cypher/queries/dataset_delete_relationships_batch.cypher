// Deletes up to $batch relationships that touch nodes of one dataset; callers repeat it
// until it deletes nothing, then delete the nodes (dataset_delete_batch). Deleting the
// nodes straight away would take a hub's 50,000 relationships, and the many of the
// older nodes of a power-law graph, in one transaction, past its memory cap.
MATCH (n {dataset: $dataset})-[r]-()
WITH DISTINCT r LIMIT $batch
DELETE r
RETURN count(*) AS deleted
