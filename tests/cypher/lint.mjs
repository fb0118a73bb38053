// Reads {"schema": {...}, "statements": [{"name", "query", "parameters", "extra"}]} on stdin
// ("extra": schema entries for that statement only) and
// prints, for each statement, the diagnostics of Neo4j's own Cypher parser
// (@neo4j-cypher/language-support's lintCypherQuery) as JSON.
import { lintCypherQuery } from '@neo4j-cypher/language-support';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const { schema, statements } = JSON.parse(input);
const results = statements.map(({ name, query, parameters, extra }) => {
  const { diagnostics } = lintCypherQuery(query, { ...schema, ...(extra || {}), parameters });
  return {
    name,
    diagnostics: diagnostics.map((d) => ({
      severity: d.severity === 1 ? 'error' : d.severity === 2 ? 'warning' : 'info',
      message: d.message,
      offset: d.offsets ? d.offsets.start : null,
    })),
  };
});
process.stdout.write(JSON.stringify(results));
