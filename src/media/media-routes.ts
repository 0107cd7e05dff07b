import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { HttpError, notFound } from '../http/errors.js';
import { IMMUTABLE } from '../http/responses.js';
import { MEDIA_HASH_PATTERN } from './image.js';
import type { MediaStorage } from './media-storage.js';

const FILE_PATTERN = /^(\d{2,4})\.(webp|jpg)$/;
const TYPES: Record<string, string> = { webp: 'image/webp', jpg: 'image/jpeg' };
const variantParams = z.object({ hash: z.string(), file: z.string() });

/**
 * Streams one image variant from the media storage (the local disk or S3) through this origin, so
 * pages never make a request to a third party. False when the URL names no stored variant.
 */
export async function sendVariant(reply: FastifyReply, storage: MediaStorage, params: unknown): Promise<boolean> {
  const { hash, file } = variantParams.parse(params);
  const m = FILE_PATTERN.exec(file);
  if (!MEDIA_HASH_PATTERN.test(hash) || !m) return false;
  // The storage being down (S3 unreachable) is a 503 the reader can retry, not a crash.
  const object = await storage.stream(`${hash}/${file}`).catch((err: unknown) => {
    throw Object.assign(new HttpError(503, 'Images are unavailable for a moment; please try again.'), { cause: err });
  });
  if (!object) return false;
  await reply.header('content-type', TYPES[m[2]!]!).header('content-length', object.bytes).header('cache-control', IMMUTABLE).send(object.body);
  return true;
}

/** Serves image variants from the media storage. URLs are content-addressed, so they never change. */
export function registerMediaRoutes(deps: { storage: MediaStorage }) {
  return (app: FastifyInstance) => {
    app.get('/media/:hash/:file', async function showMedia(req, reply) {
      if (!(await sendVariant(reply, deps.storage, req.params))) throw notFound('image');
      return reply;
    });
  };
}
