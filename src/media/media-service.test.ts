import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../../test/support/app.js';
import { imageBytes } from '../../test/support/factories.js';
import { MAX_INPUT_PIXELS, MAX_UPLOAD_BYTES, type StoredImage } from './media-service.js';

describe('MediaService.storeImage', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await buildApp();
  });
  afterEach(async () => app?.close());

  const mediaDir = () => path.join(app.config.dataDir, 'media');
  const mediaEntries = () => (fs.existsSync(mediaDir()) ? fs.readdirSync(mediaDir()) : []);
  const stored = async (bytes: Buffer): Promise<StoredImage> => {
    const r = await app.services.media.storeImage(bytes, app.clock());
    if (!r.ok) throw new Error(`expected the image to be stored, got ${r.reason}: ${r.message}`);
    return r;
  };

  it('re-encodes a large JPEG into every variant width, as WebP and JPEG', async () => {
    const r = await stored(await imageBytes(1600, 1000));
    expect(r).toMatchObject({ ok: true, width: 1600, height: 1000, widths: [480, 800, 1200, 1600] });
    expect(r.hash).toMatch(/^[a-f0-9]{32}$/);
    expect(r.createdDir).toBe(path.join(mediaDir(), r.hash));
    expect(fs.readdirSync(r.createdDir!).sort()).toEqual([
      '1200.jpg',
      '1200.webp',
      '1600.jpg',
      '1600.webp',
      '480.jpg',
      '480.webp',
      '800.jpg',
      '800.webp',
      'original.jpg',
    ]);
    for (const w of r.widths) {
      const webp = await sharp(path.join(r.createdDir!, `${w}.webp`)).metadata();
      const jpg = await sharp(path.join(r.createdDir!, `${w}.jpg`)).metadata();
      expect([webp.format, webp.width, webp.height]).toEqual(['webp', w, Math.round((w * 1000) / 1600)]);
      expect([jpg.format, jpg.width, jpg.height]).toEqual(['jpeg', w, Math.round((w * 1000) / 1600)]);
    }
    const row = await app.database.db.selectFrom('media').selectAll().where('id', '=', r.mediaId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ hash: r.hash, width: 1600, height: 1000, widths: '480,800,1200,1600', created_at: app.clock().toISOString() });
  });

  it('never upscales a small image: a 300×200 PNG gets one 300-pixel variant', async () => {
    const r = await stored(await imageBytes(300, 200, 'png'));
    expect(r).toMatchObject({ width: 300, height: 200, widths: [300] });
    expect(fs.readdirSync(r.createdDir!).sort()).toEqual(['300.jpg', '300.webp', 'original.png']);
    // The original is kept byte for byte (exports hand it on), and its SHA-256 is the media hash.
    const original = fs.readFileSync(path.join(r.createdDir!, 'original.png'));
    expect(crypto.createHash('sha256').update(original).digest('hex').slice(0, 32)).toBe(r.hash);
    expect((await sharp(path.join(r.createdDir!, '300.webp')).metadata()).width).toBe(300);
  });

  it('adds the original width when it falls between the standard widths', async () => {
    const r = await stored(await imageBytes(1000, 500));
    expect(r.widths).toEqual([480, 800, 1000]);
    expect((await sharp(path.join(r.createdDir!, '1000.jpg')).metadata()).width).toBe(1000);
  });

  it('gives the same media row for the same bytes twice, without an error or a second directory', async () => {
    const bytes = await imageBytes(800, 600);
    const first = await stored(bytes);
    const second = await stored(bytes);
    expect(second).toMatchObject({ mediaId: first.mediaId, hash: first.hash, width: 800, height: 600, widths: first.widths, createdDir: null });
    expect(mediaEntries()).toEqual([first.hash]);
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
    const meta = await sharp(path.join(r.createdDir!, '480.jpg')).metadata();
    expect(meta.exif).toBeUndefined();
  });

  it('refuses a text file, whatever its name', async () => {
    const r = await app.services.media.storeImage(Buffer.from('This is not a picture.\n'), app.clock());
    expect(r).toMatchObject({ ok: false, reason: 'not-an-image' });
    expect(r.ok === false && r.message).toMatch(/not a/);
    expect(mediaEntries()).toEqual([]);
  });

  it('refuses a truncated JPEG as not an image, and leaves nothing behind', async () => {
    const jpeg = await imageBytes(1600, 1000);
    const truncated = jpeg.subarray(0, Math.floor(jpeg.length / 2));
    const r = await app.services.media.storeImage(truncated, app.clock());
    expect(r).toMatchObject({ ok: false, reason: 'not-an-image' });
    expect(mediaEntries()).toEqual([]);
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
    expect(mediaEntries()).toEqual([]);
  });

  it('refuses more bytes than MAX_UPLOAD_BYTES before looking at them', async () => {
    const r = await app.services.media.storeImage(Buffer.alloc(MAX_UPLOAD_BYTES + 1), app.clock());
    expect(r).toMatchObject({ ok: false, reason: 'too-large' });
    expect(r.ok === false && r.message).toContain(String(MAX_UPLOAD_BYTES));
  });
});
