// The browser tests' own connection to Neo4j, for the graphs they write beside the
// built-in dataset (NEO4J_URI and its credentials, as make test sets them).
import neo4j from "neo4j-driver";

/** The database the tests write into. */
export const DB = () => ({ database: process.env.NEO4J_DATABASE ?? "neo4j" });

export function connect() {
  const auth = process.env.NEO4J_PASSWORD ? neo4j.auth.basic(process.env.NEO4J_USERNAME ?? "neo4j", process.env.NEO4J_PASSWORD) : neo4j.auth.none();
  return neo4j.driver(process.env.NEO4J_URI ?? "bolt://127.0.0.1:7687", auth);
}
