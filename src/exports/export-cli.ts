import { parseArgs } from 'node:util';
import type { Services } from '../core.js';
import { progressPrinter } from '../imports/import-cli.js';
import { ExportError } from './export-service.js';

type Out = { log: (s: string) => void; error: (s: string) => void };

export const EXPORT_USAGE = `Usage: masthead export DIR
       masthead export --format wxr FILE.xml [--media-dir DIR]`;

/** `masthead export …`: a summary on stdout, progress on stderr, a clear line (and exit 1) when it cannot be written. */
export async function runExportCli(args: string[], services: Services, now: Date, out: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'markdown' }, 'media-dir': { type: 'string' } },
  });
  if (positionals.length !== 1 || (values.format !== 'markdown' && values.format !== 'wxr')) {
    out.error(
      `export needs one destination${values.format !== 'markdown' && values.format !== 'wxr' ? ', and --format is markdown or wxr' : ''}.\n\n${EXPORT_USAGE}`,
    );
    return 2;
  }
  if (values['media-dir'] && values.format !== 'wxr') {
    out.error(`--media-dir goes with --format wxr (a site export keeps its images in DIR/media).\n\n${EXPORT_USAGE}`);
    return 2;
  }
  const target = positionals[0]!;
  const started = Date.now();
  const onProgress = progressPrinter(process.stderr, started);
  try {
    if (values.format === 'wxr') {
      const s = await services.wxrExporter.exportWxr({ file: target, mediaDir: values['media-dir'] ?? null, now, onProgress });
      out.log(`Wrote ${target}: ${s.posts} posts, ${s.pages} pages, ${s.attachments} image attachments.`);
      if (s.mediaFiles) out.log(`Copied ${s.mediaFiles} image files to ${values['media-dir']}/masthead (put them in WordPress's wp-content/uploads).`);
      if (s.coBylines) out.log(`${s.coBylines} stories have more than one byline; WordPress keeps one author per post, the first.`);
    } else {
      const s = await services.exporter.exportSite({ dir: target, now, onProgress });
      const records = Object.entries(s.records)
        .filter(([, n]) => n > 0)
        .map(([t, n]) => `${t} ${n}`)
        .join(', ');
      out.log(`Wrote ${target}: ${s.articles} articles, ${s.media} images, and masthead-site.json (${records || 'no other records'}).`);
      if (s.mediaWithoutOriginal) out.log(`${s.mediaWithoutOriginal} images were stored before originals were kept; their largest variant went out instead.`);
      out.log(`Not in the export: ${s.leftOut.join('; ')}.`);
      out.log(`Bring it into an empty site with: masthead import ${target}`);
    }
  } catch (err) {
    if (err instanceof ExportError) {
      out.error(`Nothing was exported: ${err.message}`);
      return 1;
    }
    throw err;
  }
  out.log(`Took ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return 0;
}
