import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggedInClient } from '../support/admin.js';
import { buildApp, type TestApp } from '../support/app.js';
import { everyPage, loadEverything } from '../support/every-page.js';

const vnuJar = path.join(path.dirname(createRequire(import.meta.url).resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');

let app: TestApp;
let dir: string;
beforeAll(async () => {
  app = await buildApp();
  await loadEverything(app);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-vnu-'));
}, 180_000);
afterAll(async () => {
  await app?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

interface VnuMessage {
  type: string;
  url: string;
  message: string;
  extract?: string;
}

/** One JVM for every file: the W3C Nu checker's start-up costs seconds. */
function validate(files: string[]): Promise<VnuMessage[]> {
  return new Promise((resolve, reject) => {
    execFile('java', ['-jar', vnuJar, '--errors-only', '--format', 'json', ...files], { maxBuffer: 64 * 1024 * 1024 }, (err, _stdout, stderr) => {
      // vnu exits 1 when it found errors; its report is on stderr either way.
      try {
        resolve((JSON.parse(stderr) as { messages: VnuMessage[] }).messages);
      } catch {
        reject(err ?? new Error(`vnu printed no report: ${stderr.slice(0, 500)}`));
      }
    });
  });
}

describe('HTML validity (W3C Nu HTML Checker)', () => {
  it('every public page and every admin page validates with zero errors', async () => {
    const pages = await everyPage(app);
    const { client } = await loggedInClient(app, 'owner');
    const files = new Map<string, string>();
    const save = (url: string, html: string) => {
      const file = path.join(dir, `${files.size}.html`);
      fs.writeFileSync(file, html);
      files.set(`file:${file}`, url);
    };
    for (const url of pages.public) {
      const res = await app.http.inject({ method: 'GET', url });
      if (String(res.headers['content-type']).startsWith('text/html')) save(url, res.body);
    }
    for (const url of pages.admin) {
      const res = await client.get(url);
      if (String(res.headers['content-type']).startsWith('text/html')) save(url, res.body);
    }
    // The error pages readers can reach are pages too.
    for (const url of ['/no-such-page', '/%']) save(url, (await app.http.inject({ method: 'GET', url })).body);
    expect(files.size).toBeGreaterThan(40);
    // A page we know is invalid rides along, so a checker that reports nothing cannot pass this test.
    const control = path.join(dir, 'control.html');
    fs.writeFileSync(control, '<!doctype html><html lang="en"><head><title>x</title></head><body><img src="a.jpg" alt="" sizes="100vw"></body></html>');

    const messages = await validate([...[...files.keys()].map((f) => f.slice(5)), control]);
    expect(messages.filter((m) => m.url === `file:${control}`).map((m) => m.message)).toEqual([expect.stringContaining('“sizes” attribute')]);
    console.log(`vnu checked ${files.size} pages`);
    const errors = messages
      .filter((m) => m.type === 'error' && m.url !== `file:${control}`)
      .map((m) => `${files.get(m.url) ?? m.url}: ${m.message}${m.extract ? ` [${m.extract.trim().slice(0, 80)}]` : ''}`);
    expect(errors).toEqual([]);
  }, 300_000);
});
