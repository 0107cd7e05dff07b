import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** Everything `entry` loads before it runs (static imports only: a dynamic import() is loaded on demand). */
async function staticallyLoaded(entry: string): Promise<{ files: Set<string>; packages: Set<string> }> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
  });
  const inputs: Metafile['inputs'] = result.metafile.inputs;
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [path.relative(process.cwd(), entry)];
  while (queue.length) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const imp of inputs[file]?.imports ?? []) {
      if (imp.kind !== 'import-statement') continue;
      if (imp.external) packages.add(imp.path.startsWith('@') ? imp.path.split('/').slice(0, 2).join('/') : imp.path.split('/')[0]!);
      else queue.push(imp.path);
    }
  }
  return { files, packages };
}

describe('the core runs without the web shell', () => {
  it('loads neither Fastify nor the editor nor the templates, and the CLI loads the shell only to serve', async () => {
    for (const entry of ['src/core.ts', 'src/cli/main.ts']) {
      const { files, packages } = await staticallyLoaded(entry);
      expect(files.size, entry).toBeGreaterThan(20); // the walk found the services
      expect(
        [...packages].filter(
          (p) => p === 'fastify' || p.startsWith('@fastify/') || p.startsWith('@tiptap/') || p === 'esbuild' || p === 'preact-render-to-string',
        ),
        entry,
      ).toEqual([]);
      expect(
        [...files].filter((f) => f === 'src/main.ts' || f.startsWith('src/views/') || f === 'src/http/server.ts'),
        entry,
      ).toEqual([]);
    }
  });

  it('the web shell does load Fastify (so the walk above would see it)', async () => {
    const { packages } = await staticallyLoaded('src/main.ts');
    expect(packages).toContain('fastify');
    expect(packages).toContain('preact-render-to-string');
  });
});
