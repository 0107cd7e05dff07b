import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { MediaStore } from './media-store.js';
import { variantFileName, variantWidths, VARIANT_FORMATS } from './image.js';

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** Decompression-bomb guard: sharp refuses inputs with more pixels than this. */
export const MAX_INPUT_PIXELS = 50_000_000;

export type ImageRefusal =
  | { ok: false; reason: 'too-large'; message: string }
  | { ok: false; reason: 'not-an-image'; message: string }
  | { ok: false; reason: 'too-many-pixels'; message: string };

export interface StoredImage {
  ok: true;
  mediaId: number;
  hash: string;
  width: number;
  height: number;
  widths: number[];
  /** Directory created by this call; removed again if the caller's transaction fails. */
  createdDir: string | null;
}

/** Accepts images by content (never by file name), re-encodes them into responsive WebP + JPEG variants. */
export class MediaService {
  constructor(
    private readonly store: MediaStore,
    private readonly mediaDir: string,
  ) {}

  dirFor(hash: string): string {
    return path.join(this.mediaDir, hash);
  }

  /**
   * Validates and re-encodes an image, writing its variants under DATA_DIR/media/<hash>/ and recording it.
   * The same bytes twice give the same media row.
   */
  async storeImage(bytes: Buffer, now: Date, store: MediaStore = this.store): Promise<StoredImage | ImageRefusal> {
    if (bytes.length > MAX_UPLOAD_BYTES) {
      return { ok: false, reason: 'too-large', message: `image is ${bytes.length} bytes; the limit is ${MAX_UPLOAD_BYTES}` };
    }
    let meta: sharp.Metadata;
    try {
      meta = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
    } catch {
      return { ok: false, reason: 'not-an-image', message: 'file is not a JPEG, PNG, WebP, AVIF or GIF image' };
    }
    if (!meta.format || !['jpeg', 'png', 'webp', 'avif', 'gif', 'heif'].includes(meta.format) || !meta.width || !meta.height) {
      return { ok: false, reason: 'not-an-image', message: 'file is not a JPEG, PNG, WebP, AVIF or GIF image' };
    }
    if (meta.width * meta.height > MAX_INPUT_PIXELS) {
      return { ok: false, reason: 'too-many-pixels', message: `image is ${meta.width}×${meta.height}; the limit is ${MAX_INPUT_PIXELS} pixels` };
    }
    const hash = crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 32);
    const existing = await store.findMediaByHash(hash);
    if (existing) return { ok: true, mediaId: existing.id, hash, width: existing.width, height: existing.height, widths: existing.widths, createdDir: null };

    // EXIF orientation applied, then stripped with all other metadata (location data must not leak).
    const base = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).rotate();
    const oriented = await base.clone().metadata();
    const swap = (oriented.orientation ?? 1) >= 5;
    const width = swap ? meta.height : meta.width;
    const height = swap ? meta.width : meta.height;
    const widths = variantWidths(width);
    const dir = this.dirFor(hash);
    let created = false;
    await fs.mkdir(this.mediaDir, { recursive: true });
    try {
      await fs.mkdir(dir, { recursive: false });
      created = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    try {
      for (const w of widths) {
        for (const format of VARIANT_FORMATS) {
          const pipeline = base.clone().resize({ width: w, withoutEnlargement: true });
          const out = format === 'webp' ? pipeline.webp({ quality: 78 }) : pipeline.jpeg({ quality: 80, mozjpeg: true });
          await out.toFile(path.join(dir, variantFileName(w, format)));
        }
      }
      const id = await store.insertMedia({ hash, width, height, widths, createdAt: now.toISOString() });
      return { ok: true, mediaId: id, hash, width, height, widths, createdDir: created ? dir : null };
    } catch (err) {
      if (created) await fs.rm(dir, { recursive: true, force: true });
      throw err;
    }
  }

  /** Removes directories made by storeImage when the surrounding transaction rolled back. */
  async discard(dirs: (string | null)[]): Promise<void> {
    await Promise.all(dirs.filter((d): d is string => d !== null).map((d) => fs.rm(d, { recursive: true, force: true })));
  }
}
