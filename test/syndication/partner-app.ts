import type { FastifyInstance } from 'fastify';
import type { App } from '../../src/main.js';
import type { PartnerService } from '../../src/syndication/partner-service.js';
import { buildApp, type FixedClock, type TestApp } from '../support/app.js';

export interface PartnerTestApp {
  app: TestApp;
  partners: PartnerService;
  /** The app's HTTP server, with this domain's public and admin routes as main.ts wires them. */
  http: FastifyInstance;
  /** What `loggedInClient` and `AdminClient` take. */
  client: App;
  close(): Promise<void>;
}

/** The partner service of an app, as main.ts wires it. */
export function partnerService(app: App): PartnerService {
  return app.services.partners;
}

/** The whole app over a fresh database. */
export async function buildPartnerApp(opts: { database?: 'sqlite' | 'postgres'; clock?: FixedClock } = {}): Promise<PartnerTestApp> {
  const app = await buildApp(opts);
  return { app, partners: app.services.partners, http: app.http, client: app, close: () => app.close() };
}
