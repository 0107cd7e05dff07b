import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../../test/support/app.js';
import { imageBytes } from '../../test/support/factories.js';
import { startS3, type TestS3 } from '../../test/support/s3.js';
import { MAX_INPUT_PIXELS, MAX_UPLOAD_BYTES, type StoredImage } from './media-service.js';

// Every behaviour holds on both storages: the local disk (the default) and a real S3-protocol server.
describe.each(['local', 's3'] as const)('MediaService.storeImage on %s storage', (backend) => {
  let app: TestApp;
  let s3: TestS3 | null = null;
  beforeEach(async () => {
    s3 = backend === 's3' ? await startS3() : null;
    app = await buildApp({ config: { s3: s3?.config ?? null } });
  });
  afterEach(async () => {
    await app?.close();
    await s3?.close();
  });

  const storage = () => app.services.media.storage;
  /** The images stored (one `<hash>` per image), as the storage lists them. */
  const mediaEntries = async () => [...new Set((await storage().list('')).map((k) => k.split('/')[0]))];
  const filesOf = async (hash: string) => (await storage().list(`${hash}/`)).map((k) => k.slice(hash.length + 1)).sort();
  const variant = async (hash: string, file: string) => {
    const bytes = await storage().get(`${hash}/${file}`);
    if (!bytes) throw new Error(`no ${hash}/${file} in the storage`);
    return bytes;
  };
  const stored = async (bytes: Buffer): Promise<StoredImage> => {
    const r = await app.services.media.storeImage(bytes, app.clock());
    if (!r.ok) throw new Error(`expected the image to be stored, got ${r.reason}: ${r.message}`);
    return r;
  };

  it('re-encodes a large JPEG into every variant width, as WebP and JPEG', async () => {
    const r = await stored(await imageBytes(1600, 1000));
    expect(r).toMatchObject({ ok: true, width: 1600, height: 1000, widths: [480, 800, 1200, 1600] });
    expect(r.hash).toMatch(/^[a-f0-9]{32}$/);
    const files = ['1200.jpg', '1200.webp', '1600.jpg', '1600.webp', '480.jpg', '480.webp', '800.jpg', '800.webp', 'original.jpg'];
    expect(await filesOf(r.hash)).toEqual(files);
    expect([...r.createdKeys].sort()).toEqual(files.map((f) => `${r.hash}/${f}`));
    for (const w of r.widths) {
      const webp = await sharp(await variant(r.hash, `${w}.webp`)).metadata();
      const jpg = await sharp(await variant(r.hash, `${w}.jpg`)).metadata();
      expect([webp.format, webp.width, webp.height]).toEqual(['webp', w, Math.round((w * 1000) / 1600)]);
      expect([jpg.format, jpg.width, jpg.height]).toEqual(['jpeg', w, Math.round((w * 1000) / 1600)]);
    }
    const row = await app.database.db.selectFrom('media').selectAll().where('id', '=', r.mediaId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ hash: r.hash, width: 1600, height: 1000, widths: '480,800,1200,1600', created_at: app.clock().toISOString() });
  });

  it('never upscales a small image: a 300×200 PNG gets one 300-pixel variant', async () => {
    const r = await stored(await imageBytes(300, 200, 'png'));
    expect(r).toMatchObject({ width: 300, height: 200, widths: [300] });
    expect(await filesOf(r.hash)).toEqual(['300.jpg', '300.webp', 'original.png']);
    // The original is kept byte for byte (exports hand it on), and its SHA-256 is the media hash.
    const original = await variant(r.hash, 'original.png');
    expect(crypto.createHash('sha256').update(original).digest('hex').slice(0, 32)).toBe(r.hash);
    expect((await sharp(await variant(r.hash, '300.webp')).metadata()).width).toBe(300);
  });

  it('adds the original width when it falls between the standard widths', async () => {
    const r = await stored(await imageBytes(1000, 500));
    expect(r.widths).toEqual([480, 800, 1000]);
    expect((await sharp(await variant(r.hash, '1000.jpg')).metadata()).width).toBe(1000);
  });

  it('gives the same media row for the same bytes twice, without an error or a second directory', async () => {
    const bytes = await imageBytes(800, 600);
    const first = await stored(bytes);
    const second = await stored(bytes);
    expect(second).toMatchObject({ mediaId: first.mediaId, hash: first.hash, width: 800, height: 600, widths: first.widths, createdKeys: [] });
    expect(await mediaEntries()).toEqual([first.hash]);
    const rows = await app.database.db.selectFrom('media').select('id').execute();
    expect(rows).toHaveLength(1);
  });

  it('strips metadata such as EXIF from the variants', async () => {
    const bytes = await sharp({ create: { width: 600, height: 400, channels: 3, background: { r: 200, g: 20, b: 20 } } })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'secret-owner', ImageDescription: 'taken at 12 Canal Street' } })
      .toBuffer();
    expect((await sharp(bytes).metadata()).exif).toBeDefined();
    const r = await stored(bytes);
    const meta = await sharp(await variant(r.hash, '480.jpg')).metadata();
    expect(meta.exif).toBeUndefined();
  });

  it('refuses a text file, whatever its name', async () => {
    const r = await app.services.media.storeImage(Buffer.from('This is not a picture.\n'), app.clock());
    expect(r).toMatchObject({ ok: false, reason: 'not-an-image' });
    expect(r.ok === false && r.message).toMatch(/not a/);
    expect(await mediaEntries()).toEqual([]);
  });

  it('refuses a truncated JPEG as not an image, and leaves nothing behind', async () => {
    const jpeg = await imageBytes(1600, 1000);
    const truncated = jpeg.subarray(0, Math.floor(jpeg.length / 2));
    const r = await app.services.media.storeImage(truncated, app.clock());
    expect(r).toMatchObject({ ok: false, reason: 'not-an-image' });
    expect(await mediaEntries()).toEqual([]);
    expect(await app.database.db.selectFrom('media').select('id').execute()).toEqual([]);
  });

  it('refuses an image with more pixels than MAX_INPUT_PIXELS (decompression bomb)', async () => {
    // A flat colour compresses to well under a megabyte, yet decodes to 56 million pixels.
    const bomb = await sharp({ create: { width: 8000, height: 7000, channels: 3, background: { r: 1, g: 2, b: 3 } } })
      .png()
      .toBuffer();
    expect(8000 * 7000).toBeGreaterThan(MAX_INPUT_PIXELS);
    expect(bomb.length).toBeLessThan(MAX_UPLOAD_BYTES);
    const r = await app.services.media.storeImage(bomb, app.clock());
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(['too-many-pixels', 'not-an-image']).toContain(r.reason);
    expect(r.message.length).toBeGreaterThan(0);
    expect(await mediaEntries()).toEqual([]);
  });

  it('refuses more bytes than MAX_UPLOAD_BYTES before looking at them', async () => {
    const r = await app.services.media.storeImage(Buffer.alloc(MAX_UPLOAD_BYTES + 1), app.clock());
    expect(r).toMatchObject({ ok: false, reason: 'too-large' });
    expect(r.ok === false && r.message).toContain(String(MAX_UPLOAD_BYTES));
  });

  it('keeps the paths of today on the local disk, and writes nothing there when S3 holds the images', async () => {
    const r = await stored(await imageBytes(800, 600));
    const onDisk = path.join(app.config.dataDir, 'media', r.hash, '800.webp');
    if (backend === 'local') expect(fs.readFileSync(onDisk)).toEqual(await variant(r.hash, '800.webp'));
    else {
      expect(fs.existsSync(path.join(app.config.dataDir, 'media'))).toBe(false);
      // Read back with a client of its own: the object is in the bucket, typed for browsers.
      const client = new S3Client({
        endpoint: s3!.config.url,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: { accessKeyId: s3!.config.accessKeyId, secretAccessKey: s3!.config.secretAccessKey },
      });
      const o = await client.send(new GetObjectCommand({ Bucket: s3!.config.bucket, Key: `${r.hash}/800.webp` }));
      expect(o.ContentType).toBe('image/webp');
      expect(Buffer.from(await o.Body!.transformToByteArray())).toEqual(await variant(r.hash, '800.webp'));
      client.destroy();
    }
  });

  it('serves a variant through our own /media/ route with immutable caching, and 404s an unknown one', async () => {
    const r = await stored(await imageBytes(800, 600));
    const res = await app.http.inject({ url: `/media/${r.hash}/800.jpg` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.rawPayload).toEqual(await variant(r.hash, '800.jpg'));
    expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
    expect((await app.http.inject({ url: `/media/${r.hash}/1600.jpg` })).statusCode).toBe(404);
    expect((await app.http.inject({ url: `/media/${'0'.repeat(32)}/800.jpg` })).statusCode).toBe(404);
    expect((await app.http.inject({ url: `/media/${r.hash}/..%2f..%2fsecret.key` })).statusCode).toBe(404);
  });

  it('removes the files of an image whose transaction rolled back', async () => {
    const r = await stored(await imageBytes(600, 400));
    await app.services.media.discard(r.createdKeys);
    expect(await mediaEntries()).toEqual([]);
  });
});
