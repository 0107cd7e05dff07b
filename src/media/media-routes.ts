import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notFound } from '../http/errors.js';
import { IMMUTABLE } from '../http/responses.js';
import { MEDIA_HASH_PATTERN } from './image.js';

const FILE_PATTERN = /^(\d{2,4})\.(webp|jpg)$/;
const TYPES: Record<string, string> = { webp: 'image/webp', jpg: 'image/jpeg' };

/** Serves image variants from DATA_DIR/media. URLs are content-addressed, so they never change. */
export function registerMediaRoutes(deps: { mediaDir: string }) {
  return (app: FastifyInstance) => {
    app.get('/media/:hash/:file', async function showMedia(req, reply) {
      const { hash, file } = z.object({ hash: z.string(), file: z.string() }).parse(req.params);
      const m = FILE_PATTERN.exec(file);
      if (!MEDIA_HASH_PATTERN.test(hash) || !m) throw notFound('image');
      const full = path.join(deps.mediaDir, hash, file);
      const stat = await fs.promises.stat(full).catch(() => null);
      if (!stat?.isFile()) throw notFound('image');
      return reply.header('content-type', TYPES[m[2]!]!).header('content-length', stat.size).header('cache-control', IMMUTABLE).send(fs.createReadStream(full));
    });
  };
}
