import { describeCrashSafety } from '../support/crash-safety.js';

// kill -9 a real server 20 times under a write load, on SQLite; see crash-safety-postgres.test.ts for PostgreSQL.
describeCrashSafety('sqlite', true);
