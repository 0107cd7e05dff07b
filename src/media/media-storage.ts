import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/** An object read for streaming to a reader: the bytes and how many there are. */
export interface MediaObject {
  body: Readable;
  bytes: number;
}

/**
 * Where image files live, by key (`<hash>/<width>.<webp|jpg>`): the local disk of one server, or an
 * S3-compatible bucket every app server shares. Keys are content-addressed, so an object is written
 * once and never changes; nothing here knows about images.
 */
export interface MediaStorage {
  /** What /readyz and messages call it: "DATA_DIR/media" or "bucket media at http://…". */
  readonly description: string;
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  /** The whole object, or null when there is none. */
  get(key: string): Promise<Buffer | null>;
  /** A stream of the object, or null when there is none. */
  stream(key: string): Promise<MediaObject | null>;
  exists(key: string): Promise<boolean>;
  /** Removes the object; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
  /** Every key starting with `prefix` (`''`: all), sorted. */
  list(prefix: string): Promise<string[]>;
  /** Throws when the storage cannot be reached; what /readyz runs. */
  ping(): Promise<string>;
  /** Lets go of connections (the core's close). */
  close(): void;
}

export interface S3Config {
  /** The endpoint, e.g. https://s3.eu-central-1.amazonaws.com or http://127.0.0.1:9000 (MinIO). */
  url: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

/** A key as callers build it: `<hash>/<file>`, letters, digits, dots, dashes; never `..` or a leading slash. */
export const KEY_PATTERN = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_.-]+)*$/;

export function checkKey(key: string): string {
  if (!KEY_PATTERN.test(key) || key.split('/').some((p) => p === '..' || p === '.')) throw new Error(`not a media key: ${JSON.stringify(key)}`);
  return key;
}

/** Today's behaviour: files under DATA_DIR/media, one folder per image. */
export class LocalMediaStorage implements MediaStorage {
  readonly description: string;
  constructor(private readonly dir: string) {
    this.description = dir;
  }

  private file(key: string): string {
    return path.join(this.dir, ...checkKey(key).split('/'));
  }

  async put(key: string, data: Buffer): Promise<void> {
    const file = this.file(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    // Written beside and renamed, so a reader never streams half a file.
    const partial = `${file}.${process.pid}.partial`;
    await fs.writeFile(partial, data);
    await fs.rename(partial, file);
  }

  async get(key: string): Promise<Buffer | null> {
    return fs.readFile(this.file(key)).catch(() => null);
  }

  async stream(key: string): Promise<MediaObject | null> {
    const file = this.file(key);
    const stat = await fs.stat(file).catch(() => null);
    if (!stat?.isFile()) return null;
    return { body: createReadStream(file), bytes: stat.size };
  }

  async exists(key: string): Promise<boolean> {
    return (await fs.stat(this.file(key)).catch(() => null))?.isFile() ?? false;
  }

  async delete(key: string): Promise<void> {
    const file = this.file(key);
    await fs.rm(file, { force: true });
    // The image's folder goes with its last file, as it did when discard removed the folder.
    await fs.rmdir(path.dirname(file)).catch(() => {});
  }

  async list(prefix: string): Promise<string[]> {
    const entries = await fs.readdir(this.dir, { recursive: true, withFileTypes: true }).catch(() => []);
    return entries
      .filter((e) => e.isFile() && !e.name.endsWith('.partial'))
      .map((e) => path.relative(this.dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
      .filter((k) => k.startsWith(prefix))
      .sort();
  }

  async ping(): Promise<string> {
    return 'local disk';
  }

  close(): void {}
}

/**
 * The storage a configuration names: S3 when S3_URL is set, DATA_DIR/media otherwise. The AWS SDK
 * is loaded only then (it costs about 0.3 s of start-up that a single-server site never needs).
 */
export async function mediaStorageFor(config: { dataDir: string; s3?: S3Config | null }): Promise<MediaStorage> {
  if (!config.s3) return new LocalMediaStorage(path.join(config.dataDir, 'media'));
  const { S3MediaStorage } = await import('./s3-media-storage.js');
  return new S3MediaStorage(config.s3);
}
