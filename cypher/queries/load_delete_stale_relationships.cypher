// Removes the relationships $datasets loaded before that the files no longer contain.
// A relationship is kept only if its id, type and both ends are unchanged (the $keep
// keys "id|TYPE|from-id|to-id"): a fact whose type or ends were edited is recreated.
MATCH ()-[r]->()
WHERE r.dataset IN $datasets
  AND NOT (r.id + '|' + type(r) + '|' + coalesce(startNode(r).id, '') + '|' + coalesce(endNode(r).id, '')) IN $keep
DELETE r
RETURN count(r) AS deleted
