// Creates or updates one batch of conflicts ($rows: {id, labels, props}). Properties are
// replaced only when they differ, so reloading an unchanged dataset writes nothing;
// "change" tells the loader's summary what happened to each row.
UNWIND $rows AS row
OPTIONAL MATCH (old:Conflict {id: row.id})
WITH row,
     CASE
       WHEN old IS NULL THEN 'created'
       WHEN properties(old) = row.props
            AND all(l IN row.labels WHERE l IN labels(old))
            AND size(labels(old)) = size(row.labels) + 1 THEN 'unchanged'
       ELSE 'updated'
     END AS change
MERGE (n:Conflict {id: row.id})
WITH n, row, change
CALL (n, row, change) {
  WITH n, row, [l IN labels(n) WHERE l <> 'Conflict' AND NOT l IN row.labels] AS stale
  WHERE change <> 'unchanged'
  SET n = row.props
  REMOVE n:$(stale)
  SET n:$(row.labels)
}
RETURN row.id AS id, elementId(n) AS element_id, change
