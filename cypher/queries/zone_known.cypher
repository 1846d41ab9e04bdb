// Fails (a statement error) unless Neo4j knows the time zone $request.zone: the console asks
// before sending a date-time in that zone as a parameter, which Neo4j would refuse
// while decoding the request.
CYPHER expressionEngine=interpreted
RETURN datetime({year: 2000, timezone: $request.zone}) IS NOT NULL AS known
