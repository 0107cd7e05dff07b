import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import type { S3Config } from '../../src/media/media-storage.js';

export interface TestS3 {
  /** What Config.s3 (or the S3_* variables) should hold to use this server. */
  config: S3Config;
  /** The S3_* environment variables for a spawned server. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * A real S3-protocol server (s3rver) in this process, on a free loopback port, over a temporary
 * folder, with one empty bucket. The credentials are s3rver's fixed pair; it checks signatures with them.
 */
export async function startS3(bucket = 'masthead-media'): Promise<TestS3> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: bucket, configs: [] }] });
  const { port } = await server.run();
  const config: S3Config = { url: `http://127.0.0.1:${port}`, bucket, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', region: 'us-east-1' };
  return {
    config,
    env: { S3_URL: config.url, S3_BUCKET: bucket, S3_ACCESS_KEY_ID: config.accessKeyId, S3_SECRET_ACCESS_KEY: config.secretAccessKey },
    async close() {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
