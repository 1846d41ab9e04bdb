// The server's name, version and edition, shown by /readyz and printed by the tests.
CYPHER expressionEngine=interpreted
CALL dbms.components() YIELD name, versions, edition
RETURN name, versions[0] AS version, edition
