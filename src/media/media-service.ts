import crypto from 'node:crypto';
import { createReadStream } from 'node:fs';
import sharp from 'sharp';
import type { MediaStorage } from './media-storage.js';
import type { MediaStore } from './media-store.js';
import { variantFileName, variantWidths, VARIANT_FORMATS } from './image.js';

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** Decompression-bomb guard: sharp refuses inputs with more pixels than this. */
export const MAX_INPUT_PIXELS = 50_000_000;

const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'avif', 'gif', 'heif']);
const NOT_AN_IMAGE = { ok: false, reason: 'not-an-image', message: 'file is not a JPEG, PNG, WebP, AVIF or GIF image' } as const;

export type ImageRefusal =
  | { ok: false; reason: 'too-large'; message: string }
  | { ok: false; reason: 'not-an-image'; message: string }
  | { ok: false; reason: 'too-many-pixels'; message: string };

/** An image in memory, or an upload already on disk (read from there, never loaded whole). */
export type ImageSource = Buffer | { path: string; bytes: number };

/** How many bytes an image has, in memory or on disk (0: the form's file field was left empty). */
export const imageBytes = (image: ImageSource): number => (Buffer.isBuffer(image) ? image.length : image.bytes);

async function sha256Of(image: ImageSource): Promise<string> {
  const hash = crypto.createHash('sha256');
  if (Buffer.isBuffer(image)) return hash.update(image).digest('hex');
  for await (const chunk of createReadStream(image.path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface StoredImage {
  ok: true;
  mediaId: number;
  hash: string;
  width: number;
  height: number;
  widths: number[];
  /** Storage keys written by this call (none when the image was already stored); removed again if the caller's transaction fails. */
  createdKeys: string[];
}

/** Accepts images by content (never by file name), re-encodes them into responsive WebP + JPEG variants. */
export class MediaService {
  constructor(
    private readonly store: MediaStore,
    readonly storage: MediaStorage,
  ) {}

  /**
   * Validates and re-encodes an image, writing its variants as `<hash>/<width>.<webp|jpg>` in the media
   * storage (DATA_DIR/media or the S3 bucket) and recording it.
   * The same bytes twice give the same media row.
   */
  async storeImage(image: ImageSource, now: Date, store: MediaStore = this.store): Promise<StoredImage | ImageRefusal> {
    const size = imageBytes(image);
    if (size > MAX_UPLOAD_BYTES) {
      return { ok: false, reason: 'too-large', message: `image is ${size} bytes; the limit is ${MAX_UPLOAD_BYTES}` };
    }
    const bytes = Buffer.isBuffer(image) ? image : image.path;
    let meta: sharp.Metadata;
    try {
      // Reading the header only: the pixel limit is checked below, so an oversized image gets its own message.
      meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    } catch {
      return NOT_AN_IMAGE;
    }
    if (!meta.format || !ACCEPTED_FORMATS.has(meta.format) || !meta.width || !meta.height) return NOT_AN_IMAGE;
    if (meta.width * meta.height > MAX_INPUT_PIXELS) {
      return { ok: false, reason: 'too-many-pixels', message: `image is ${meta.width}×${meta.height}; the limit is ${MAX_INPUT_PIXELS} pixels` };
    }
    const hash = (await sha256Of(image)).slice(0, 32);
    const existing = await store.findMediaByHash(hash);
    if (existing) return { ok: true, mediaId: existing.id, hash, width: existing.width, height: existing.height, widths: existing.widths, createdKeys: [] };

    // EXIF orientation applied, then stripped with all other metadata (location data must not leak).
    const swap = (meta.orientation ?? 1) >= 5;
    const width = swap ? meta.height : meta.width;
    const height = swap ? meta.width : meta.height;
    const widths = variantWidths(width);
    // Encode everything in memory first: a damaged file (a truncated JPEG decodes its header fine)
    // fails here, before anything touches the disk.
    const files: { name: string; data: Buffer; type: string }[] = [];
    try {
      const base = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'truncated' }).rotate();
      for (const w of widths) {
        for (const format of VARIANT_FORMATS) {
          const pipeline = base.clone().resize({ width: w, withoutEnlargement: true });
          const out = format === 'webp' ? pipeline.webp({ quality: 78 }) : pipeline.jpeg({ quality: 80, mozjpeg: true });
          files.push({ name: variantFileName(w, format), data: await out.toBuffer(), type: format === 'webp' ? 'image/webp' : 'image/jpeg' });
        }
      }
    } catch {
      return { ok: false, reason: 'not-an-image', message: 'image file is damaged or incomplete' };
    }

    // A crash between the files and the row leaves orphan files, never a row naming missing files.
    // Files that were there already (the same bytes, stored by a transaction that rolled back) are
    // rewritten with identical bytes but not claimed, so a failure here never deletes another upload's.
    const keys = files.map((f) => `${hash}/${f.name}`);
    const created = !(await this.storage.exists(keys[0]!));
    try {
      await Promise.all(files.map((f, i) => this.storage.put(keys[i]!, f.data, f.type)));
      const id = await store.insertMedia({ hash, width, height, widths, createdAt: now.toISOString() });
      return { ok: true, mediaId: id, hash, width, height, widths, createdKeys: created ? keys : [] };
    } catch (err) {
      if (created) await this.discard(keys);
      throw err;
    }
  }

  /** Removes files written by storeImage when the surrounding transaction rolled back. */
  async discard(keys: string[]): Promise<void> {
    await Promise.all(keys.map((k) => this.storage.delete(k)));
  }
}
