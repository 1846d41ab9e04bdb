// Waits until every index is online (populated), for at most $seconds.
CALL db.awaitIndexes($seconds)
