import crypto from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { HttpError } from '../http/errors.js';

/** A file from an admin form, written to a temporary file while it arrived; deleted before the response is sent. */
export interface UploadedFile {
  path: string;
  bytes: number;
  filename: string;
}

/** The multipart limits of every admin form: two images and the article's text fields. */
export const UPLOAD_LIMITS = { fileSize: 20 * 1024 * 1024, files: 2, fields: 60, fieldSize: 2 * 1024 * 1024 } as const;

/** A file field of a parsed admin form (`z.instanceof` does not fit: it is a plain object). */
export const uploadedFile = z.object({ path: z.string(), bytes: z.number().int().nonnegative(), filename: z.string() });

declare module 'fastify' {
  interface FastifyRequest {
    /** Temporary files this request's uploads were written to; removed before the response is sent. */
    uploadPaths: string[] | null;
  }
}

/**
 * @fastify/multipart's `onFile`: streams each file part to `dir` instead of buffering it, stops at the
 * size limit with a 413, and leaves `{ path, bytes, filename }` as the field's value on `req.body`.
 * It runs in preValidation, so only after the admin scope's onRequest hook let the request in.
 */
export function streamToTempFile(dir: string) {
  return async function onFile(this: FastifyRequest, part: MultipartFile): Promise<void> {
    await fs.mkdir(dir, { recursive: true });
    const file = path.join(dir, `upload-${crypto.randomBytes(12).toString('hex')}`);
    (this.uploadPaths ??= []).push(file);
    let bytes = 0;
    part.file.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    try {
      await pipeline(part.file, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
    } catch (err) {
      await fs.rm(file, { force: true });
      throw err;
    }
    if (part.file.truncated) {
      await fs.rm(file, { force: true });
      throw new HttpError(413, `The file "${part.filename}" is larger than ${UPLOAD_LIMITS.fileSize / 1024 / 1024} MB.`);
    }
    (part as unknown as { value: UploadedFile }).value = { path: file, bytes, filename: part.filename ?? '' };
  };
}

/** Deletes the request's temporary upload files (after the response, or when the client gave up). */
export async function removeUploads(req: FastifyRequest): Promise<void> {
  const paths = req.uploadPaths;
  if (!paths?.length) return;
  req.uploadPaths = null;
  await Promise.all(paths.map((p) => fs.rm(p, { force: true })));
}
