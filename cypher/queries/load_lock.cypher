// Serialises every load, whatever its datasets. MERGE under the uniqueness constraint on
// Source ids takes the lock of one id, which no dataset can use (dataset ids have no
// spaces), until the load commits or rolls back; the node is deleted at once, so no one
// ever sees it, and a node someone else made with that id is left alone. A second load
// waits here, then checks what it would take over (load_owners) against what the first
// one committed. Locking only the sources of the datasets being loaded let two loads of
// different datasets sharing ids both pass that check before either had written, and
// the second silently took the first one's nodes over.
MERGE (lock:Source {id: 'newsgraph load lock'})
ON CREATE SET lock.newsgraph_load_lock = true
WITH lock
CALL (lock) {
  WITH lock WHERE lock.newsgraph_load_lock = true
  DELETE lock
}
RETURN 1 AS locked
