// How many console transactions ($request.app in their metadata) Neo4j still holds, running or
// already terminated by their timeout but still computing: Neo4j checks a timeout
// between rows, not inside one long expression (a reduce() over a huge range, a
// regular expression that backtracks), so such a query runs on after the console has
// answered 504. The console refuses new queries while its slots' worth of them remain.
CYPHER expressionEngine=interpreted
SHOW TRANSACTIONS YIELD metaData WHERE metaData.app = $request.app
RETURN count(*) AS running
