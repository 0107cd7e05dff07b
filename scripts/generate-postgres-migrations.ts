// `npm run migrations:postgres`: writes src/store/migrations/postgres/NNNN_name.sql from each SQLite
// migration (see src/store/migration-dialects.ts for the marks). Run it after adding or editing one;
// src/store/migration-dialects.test.ts fails while the PostgreSQL files are out of step.
import fs from 'node:fs';
import path from 'node:path';
import { postgresFromSqlite } from '../src/store/migration-dialects.js';

const root = path.resolve('src/store/migrations');
let written = 0;
for (const file of fs
  .readdirSync(path.join(root, 'sqlite'))
  .filter((f) => f.endsWith('.sql'))
  .sort()) {
  const target = path.join(root, 'postgres', file);
  const generated = postgresFromSqlite(fs.readFileSync(path.join(root, 'sqlite', file), 'utf8'), file);
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : null;
  if (current === generated) continue;
  fs.writeFileSync(target, generated);
  console.log(`wrote postgres/${file}`);
  written++;
}
console.log(written ? `${written} PostgreSQL migration(s) written.` : 'PostgreSQL migrations are up to date.');
