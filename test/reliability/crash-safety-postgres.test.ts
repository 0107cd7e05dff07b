import { postgresAvailable } from '../support/databases.js';
import { describeCrashSafety } from '../support/crash-safety.js';

// The same as crash-safety.test.ts on PostgreSQL (in its own file so the two dialects run in parallel).
describeCrashSafety('postgres', await postgresAvailable());
