// `npm run bench -- --import N`: generates an N-post WordPress export (WXR) into .tmp/, each post
// with a featured image and an inline image referenced (not supplied: the import reports them and
// goes on), then imports it into a fresh SQLite site in a process of its own (bench/import-run.ts),
// so the generator's garbage is not counted as the import's memory. Prints posts/s, CPU time and the
// importing process's peak RSS (VmHWM). Targets: >= 500 posts/s, peak RSS < 300 MiB whatever N.
import fs from 'node:fs';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORDS = 'council harbour ferry budget school river market library housing court election transport weather festival'.split(' ');

export async function writeWxr(file: string, posts: number): Promise<void> {
  const out = fs.createWriteStream(file);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" ` +
      `xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" ` +
      `xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" ` +
      `xmlns:wp="http://wordpress.org/export/1.2/">\n<channel><title>Bench</title><link>https://bench.example</link>` +
      `<wp:base_site_url>https://bench.example</wp:base_site_url>\n`,
  );
  await write(
    `<wp:author><wp:author_login><![CDATA[desk]]></wp:author_login><wp:author_display_name><![CDATA[News Desk]]></wp:author_display_name></wp:author>\n`,
  );
  for (let c = 0; c < 20; c++)
    await write(
      `<wp:category><wp:category_nicename>sec-${c}</wp:category_nicename><wp:category_parent></wp:category_parent>` +
        `<wp:cat_name><![CDATA[Section ${c}]]></wp:cat_name></wp:category>\n`,
    );
  for (let i = 1; i <= posts; i++) {
    const w = (k: number) => WORDS[(i * 7 + k * 3) % WORDS.length];
    const d = new Date(Date.UTC(2010, 0, 1) + i * 3600_000).toISOString();
    const date = `${d.slice(0, 10)} ${d.slice(11, 19)}`;
    const paras = Array.from(
      { length: 6 },
      (_, k) => `The ${w(k)} report ${i} says the ${w(k + 1)} plan for the ${w(k + 2)} will change in the coming months, officials said on ${w(k + 3)} day.`,
    ).join('\n\n');
    await write(
      `<item><title><![CDATA[${w(0)} ${w(1)} ` +
        `story ${i}]]></title><link>https://bench.example/${d.slice(0, 4)}/${d.slice(5, 7)}/${d.slice(8, 10)}` +
        `/story-${i}/</link><dc:creator><![CDATA[desk]]></dc:creator><guid ` +
        `isPermaLink="false">https://bench.example/?p=${i * 2}</guid>` +
        `<content:encoded><![CDATA[${paras}\n\n<img ` +
        `src="https://bench.example/wp-content/uploads/2019/05/inline-${i}.jpg" alt="x" ` +
        `/>]]></content:encoded><excerpt:encoded><![CDATA[Summary of story ${i}.]]></excerpt:encoded>` +
        `<wp:post_id>${i * 2}</wp:post_id><wp:post_date>${date}</wp:post_date><wp:post_date_gmt>${date}` +
        `</wp:post_date_gmt><wp:post_name>story-${i}</wp:post_name><wp:status>publish</wp:status>` +
        `<wp:post_type>post</wp:post_type>` +
        `<category domain="category" nicename="sec-${i % 20}"><![CDATA[Section ${i % 20}]]></category><category ` +
        `domain="post_tag" nicename="${w(2)}"><![CDATA[${w(2)}]]></category>` +
        `<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>${i * 2 + 1}</wp:meta_value></wp:postmeta></item>\n` +
        `<item><title>photo ${i}</title><guid>https://bench.example/wp-content/uploads/2019/05/photo-${i}.jpg</guid>` +
        `<wp:post_id>${i * 2 + 1}</wp:post_id><wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>` +
        `<wp:attachment_url>https://bench.example/wp-content/uploads/2019/05/photo-${i}` +
        `.jpg</wp:attachment_url></item>\n`,
    );
  }
  await write('</channel></rss>\n');
  out.end();
  await once(out, 'finish');
}

export async function benchImport(posts: number): Promise<void> {
  const tmp = path.join(ROOT, '.tmp', `bench-import-${process.pid}`);
  fs.mkdirSync(tmp, { recursive: true });
  try {
    const file = path.join(tmp, 'export.xml');
    const t = Date.now();
    await writeWxr(file, posts);
    console.log(
      `generated ${posts} posts (+${posts} attachments), ${(fs.statSync(file).size / 1048576).toFixed(1)} MiB, in ${((Date.now() - t) / 1000).toFixed(1)} s`,
    );
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/run-ts.mjs'), path.join(ROOT, 'bench/import-run.ts'), file, tmp], { stdio: 'inherit' });
    const [code] = (await once(child, 'exit')) as [number | null];
    if (code !== 0) throw new Error(`the import process exited with ${code}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
