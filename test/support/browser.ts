import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Browser tests run unless scripts/test.mjs could not install chromium (never skipped in CI). */
export const browserAvailable = process.env.MASTHEAD_SKIP_BROWSER !== '1' || Boolean(process.env.CI);

/** Debian's Chromium, headless, with every background connection off (this machine has no network). */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} not found: install it with apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Starts the app on a loopback port and launches Chromium: the setup of every browser test. */
export async function openInBrowser(app: {
  http: { listen(o: { port: number; host: string }): Promise<unknown>; server: { address(): unknown } };
}): Promise<{ origin: string; browser: Browser }> {
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.http.server.address() as { port: number };
  return { origin: `http://127.0.0.1:${port}`, browser: await launchBrowser() };
}
