import { sql, type RawBuilder } from 'kysely';

/**
 * `column LIKE '%text%'` with `text` taken literally: its `%`, `_` and `\` are escaped, not
 * dropped, so a search for `jo_smith` finds jo_smith and not jo-smith. Same SQL on SQLite and PostgreSQL.
 */
export function containsText(column: string, text: string): RawBuilder<boolean> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;
}
