import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { promises as fs } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import type { S3StorageOptions } from 'nest-large-image';

/** A real S3-protocol server (s3rver) on 127.0.0.1 with a counter of the GETs it answers. */
export interface LocalS3 {
  options: S3StorageOptions;
  client: S3Client;
  /** GET requests served since start (HEADs and PUTs are not counted). */
  gets(): number;
  /** Body bytes sent in answer to those GETs. */
  bytesServed(): number;
  /** The URLs of the GETs served since start, in order. */
  getUrls(): string[];
  upload(key: string, body: Buffer): Promise<void>;
  close(): Promise<void>;
}

const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export async function startLocalS3(bucket = 'images'): Promise<LocalS3> {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), 's3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  const { port } = (await server.run()) as AddressInfo;
  let gets = 0;
  let bytes = 0;
  const getUrls: string[] = [];
  (server as unknown as { httpServer: Server }).httpServer.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'GET') return;
    gets++;
    getUrls.push(request.url ?? '');
    response.on('finish', () => (bytes += Number(response.getHeader('content-length') ?? 0)));
  });
  const options: S3StorageOptions = { bucket, endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials: CREDENTIALS };
  const client = new S3Client({ region: 'us-east-1', endpoint: options.endpoint, forcePathStyle: true, credentials: CREDENTIALS });
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  return {
    options,
    client,
    gets: () => gets,
    bytesServed: () => bytes,
    getUrls: () => [...getUrls],
    upload: async (key, body) => {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    },
    close: async () => {
      client.destroy();
      await server.close();
      await fs.rm(directory, { recursive: true, force: true });
    },
  };
}
