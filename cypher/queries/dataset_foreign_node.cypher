// One node of dataset $dataset whose id does not match $pattern (a regular expression
// over the whole id): generate replaces a dataset only when every node of it has the ids
// it writes, so that it never deletes a story loaded from files under the same name.
MATCH (n {dataset: $dataset})
WHERE NOT (n.id IS :: STRING AND n.id =~ $pattern)
RETURN n.id AS id, labels(n) AS labels
LIMIT 1
