import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { uploadedFile } from '../admin/admin-uploads.js';
import type { Urls } from '../site/urls.js';
import type { MediaService } from './media-service.js';

/** POST /admin/media: an image for the body, from the editor. Answers JSON for the editor island. */
export function registerMediaAdminRoutes(deps: { media: MediaService; urls: Urls; clock: () => Date }) {
  return (admin: FastifyInstance) => {
    admin.post('/media', { config: { can: 'article.create' } }, async function uploadInlineImage(req, reply) {
      // The file was streamed to a temporary file while it arrived (admin-uploads.ts); it is deleted after the response.
      const parsed = z.object({ file: uploadedFile }).safeParse(req.body);
      if (!parsed.success || parsed.data.file.bytes === 0) return reply.code(400).send({ error: 'Choose an image to upload.' });
      const stored = await deps.media.storeImage(parsed.data.file, deps.clock());
      if (!stored.ok) return reply.code(stored.reason === 'too-large' ? 413 : 415).send({ error: `The image was not accepted: ${stored.message}.` });
      // Inline images are below the hero: a mid-size variant is enough for a column of text.
      const width = stored.widths.find((w) => w >= 800) ?? stored.widths[stored.widths.length - 1]!;
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ id: stored.mediaId, src: deps.urls.media(stored.hash, width, 'jpeg'), width, height: Math.round((stored.height * width) / stored.width) });
    });
  };
}
