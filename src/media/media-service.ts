import crypto from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type sharp from 'sharp';
import { lazyPackage } from '../lazy-package.js';
import type { MediaStore } from './media-store.js';
import { variantFileName, variantWidths, VARIANT_FORMATS } from './image.js';

// libvips is loaded with the first image, not at start.
const imageLibrary = lazyPackage<typeof sharp>('sharp');

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** Decompression-bomb guard: sharp refuses inputs with more pixels than this. */
export const MAX_INPUT_PIXELS = 50_000_000;

/** The uploaded file's name inside its media directory, before the extension. */
const ORIGINAL = 'original';

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
    if (existing) return { ok: true, mediaId: existing.id, hash, width: existing.width, height: existing.height, widths: existing.widths, createdDir: null };

    // EXIF orientation applied, then stripped with all other metadata (location data must not leak).
    const swap = (meta.orientation ?? 1) >= 5;
    const width = swap ? meta.height : meta.width;
    const height = swap ? meta.width : meta.height;
    const widths = variantWidths(width);
    // Encode everything in memory first: a damaged file (a truncated JPEG decodes its header fine)
    // fails here, before anything touches the disk.
    const files: { name: string; data: Buffer }[] = [];
    try {
      const base = imageLibrary()(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'truncated' }).rotate();
      for (const w of widths) {
        for (const format of VARIANT_FORMATS) {
          const pipeline = base.clone().resize({ width: w, withoutEnlargement: true });
          const out = format === 'webp' ? pipeline.webp({ quality: 78 }) : pipeline.jpeg({ quality: 80, mozjpeg: true });
          files.push({ name: variantFileName(w, format), data: await out.toBuffer() });
        }
      }
    } catch {
      return { ok: false, reason: 'not-an-image', message: 'image file is damaged or incomplete' };
    }

    const dir = this.dirFor(hash);
    await fs.mkdir(this.mediaDir, { recursive: true });
    let created = false;
    try {
      await fs.mkdir(dir);
      created = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    try {
      // The original bytes too, for exports (their SHA-256 is the hash, so a re-import finds the same
      // media). Never served: the media route answers only for variant names.
      files.push({ name: `${ORIGINAL}.${meta.format === 'jpeg' ? 'jpg' : meta.format}`, data: Buffer.isBuffer(image) ? image : await fs.readFile(image.path) });
      await Promise.all(files.map((f) => fs.writeFile(path.join(dir, f.name), f.data)));
      const id = await store.insertMedia({ hash, width, height, widths, createdAt: now.toISOString() });
      return { ok: true, mediaId: id, hash, width, height, widths, createdDir: created ? dir : null };
    } catch (err) {
      if (created) await fs.rm(dir, { recursive: true, force: true });
      throw err;
    }
  }

  /**
   * The file to hand on when the site is exported: the original as uploaded, or, for media stored
   * before originals were kept, the largest JPEG variant (`original: false`). Null when neither is on disk.
   */
  async findExportFile(m: { hash: string; widths: number[] }): Promise<{ path: string; ext: string; original: boolean } | null> {
    const dir = this.dirFor(m.hash);
    const kept = (await fs.readdir(dir).catch(() => [] as string[])).find((f) => f.startsWith(`${ORIGINAL}.`));
    if (kept) return { path: path.join(dir, kept), ext: kept.slice(ORIGINAL.length + 1), original: true };
    const largest = path.join(dir, variantFileName(Math.max(...m.widths), 'jpeg'));
    return (await fs.stat(largest).catch(() => null))?.isFile() ? { path: largest, ext: 'jpg', original: false } : null;
  }

  /** Removes directories made by storeImage when the surrounding transaction rolled back. */
  async discard(dirs: (string | null)[]): Promise<void> {
    await Promise.all(dirs.filter((d): d is string => d !== null).map((d) => fs.rm(d, { recursive: true, force: true })));
  }
}
