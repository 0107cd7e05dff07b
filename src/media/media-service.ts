import crypto from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import type sharp from 'sharp';
import { lazyPackage } from '../lazy-package.js';
import type { MediaStorage } from './media-storage.js';
import type { MediaStore } from './media-store.js';
import { variantFileName, variantWidths, VARIANT_FORMATS } from './image.js';

// libvips is loaded with the first image, not at start.
const imageLibrary = lazyPackage<typeof sharp>('sharp');

/** The uploaded file's name inside its media directory, before the extension. */
const ORIGINAL = 'original';
const ORIGINAL_EXTENSIONS = ['jpg', 'png', 'webp', 'avif', 'gif', 'heif'] as const;

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
      meta = await imageLibrary()(bytes, { limitInputPixels: false }).metadata();
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
      const base = imageLibrary()(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'truncated' }).rotate();
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
    // The original bytes too, for exports (their SHA-256 is the hash, so a re-import finds the same
    // media). Never served: the media route answers only for variant names.
    const ext = meta.format === 'jpeg' ? 'jpg' : meta.format;
    files.push({
      name: `${ORIGINAL}.${ext}`,
      data: Buffer.isBuffer(image) ? image : await fs.readFile(image.path),
      type: meta.format === 'heif' ? 'image/heif' : `image/${meta.format}`,
    });
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

  /**
   * The file to hand on when the site is exported: the original as uploaded, or, for media stored
   * before originals were kept, the largest JPEG variant (`original: false`). Null when neither is stored.
   */
  async findExportFile(m: { hash: string; widths: number[] }): Promise<{ data: Buffer; ext: string; original: boolean } | null> {
    // One read per accepted format, not a listing: listing a disk or a bucket costs more per image.
    for (const ext of ORIGINAL_EXTENSIONS) {
      const data = await this.storage.get(`${m.hash}/${ORIGINAL}.${ext}`);
      if (data) return { data, ext, original: true };
    }
    const largest = await this.storage.get(`${m.hash}/${variantFileName(Math.max(...m.widths), 'jpeg')}`);
    return largest ? { data: largest, ext: 'jpg', original: false } : null;
  }

  /** Removes files written by storeImage when the surrounding transaction rolled back. */
  async discard(keys: string[]): Promise<void> {
    await Promise.all(keys.map((k) => this.storage.delete(k)));
  }
}
