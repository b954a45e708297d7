/**
 * Full-text search over groups' `search` column (GIN-indexed; name weighted A, description B).
 */
import { sql, type SQL } from 'drizzle-orm';

/**
 * A tsquery matching every word, each as a prefix ("diab" finds "Diabetes"), both as written
 * ('simple', which the name is indexed under) and stemmed ('english', name and description), accents
 * folded on both sides. Words come from `searchWords` (letters and digits only) and are quoted as
 * well, so no input can break the query syntax. `search @@ <this>` is answered from the GIN index.
 */
export function groupSearchQuery(words: string[]): SQL {
  const perWord = words.map((word) => {
    const quoted = sql`quote_literal(circles_unaccent(${word}::text)) || ':*'`;
    return sql`(to_tsquery('simple', ${quoted}) || to_tsquery('english', ${quoted}))`;
  });
  return sql`(${sql.join(perWord, sql` && `)})`;
}
