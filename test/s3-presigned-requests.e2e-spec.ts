/**
 * Ranged reads of S3 objects as GETs of presigned URLs (storage/presigned-requests.ts): against s3rver,
 * which checks signatures and their expiry, and against a plain HTTP server that misbehaves as some
 * S3-compatible servers and proxies do.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { NotFoundError } from '../libs/nest-large-image/src/errors/large-image.errors';
import { PresignedRequests } from '../libs/nest-large-image/src/storage/presigned-requests';
import { LocalS3, startLocalS3 } from './support/s3-server';

const signatureOf = (url: string) => new URL(url, 'http://s3').searchParams.get('X-Amz-Signature');

describe('ranged reads through presigned URLs, against s3rver', () => {
  let s3: LocalS3;
  const object = randomBytes(300_000);
  const readers: PresignedRequests[] = [];
  const readerFor = (client: S3Client, times?: ConstructorParameters<typeof PresignedRequests>[1]) => {
    const reader = new PresignedRequests(client, times);
    readers.push(reader);
    return reader;
  };

  beforeAll(async () => {
    s3 = await startLocalS3('presigned');
    await s3.upload('object.bin', object);
  });
  afterAll(async () => {
    for (const reader of readers) reader.close();
    await s3.close();
  });

  it('reads each range byte for byte, one GET each, signing the object once', async () => {
    const reader = readerFor(s3.client);
    const before = s3.getUrls().length;
    const ranges = [
      [0, 1000],
      [123_456, 65_536],
      [299_000, 1000],
      [299_500, 4096],
    ] as const;
    const reads = await Promise.all(ranges.map(([offset, length]) => reader.read('presigned', 'object.bin', offset, length, 'presigned/object.bin')));
    reads.forEach((bytes, i) => {
      const [offset, length] = ranges[i];
      // The last range runs past the end: S3 answers what there is.
      expect(bytes.equals(object.subarray(offset, offset + length))).toBe(true);
    });
    const urls = s3.getUrls().slice(before);
    expect(urls).toHaveLength(ranges.length);
    expect(new Set(urls.map(signatureOf)).size).toBe(1);
  });

  it('signs the URL again before it expires', async () => {
    const reader = readerFor(s3.client, { lifetimeSeconds: 3, renewBeforeSeconds: 2 });
    const before = s3.getUrls().length;
    await reader.read('presigned', 'object.bin', 0, 100, 'presigned/object.bin');
    await reader.read('presigned', 'object.bin', 100, 100, 'presigned/object.bin');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const late = await reader.read('presigned', 'object.bin', 200, 100, 'presigned/object.bin');
    expect(late.equals(object.subarray(200, 300))).toBe(true);
    const signatures = s3.getUrls().slice(before).map(signatureOf);
    expect(signatures[0]).toBe(signatures[1]);
    expect(signatures[2]).not.toBe(signatures[1]);
  });

  it('signs again, once, when S3 refuses a URL: credentials that were rotated', async () => {
    // s3rver checks the access key of a version 4 signature, not the signature itself.
    let accessKeyId = 'RETIRED';
    // Identities that expire within minutes are fetched again for every signature.
    const client = new S3Client({
      region: 'us-east-1',
      endpoint: s3.options.endpoint,
      forcePathStyle: true,
      credentials: async () => ({ accessKeyId, secretAccessKey: 'S3RVER', expiration: new Date(Date.now() + 60_000) }),
    });
    const reader = readerFor(client);
    const before = s3.getUrls().length;
    await expect(reader.read('presigned', 'object.bin', 0, 100, 'presigned/object.bin')).rejects.toThrow(/403 InvalidAccessKeyId/);
    // The refused URL and the one signed again with the same retired key.
    expect(s3.getUrls().length - before).toBe(2);
    accessKeyId = 'S3RVER';
    const bytes = await reader.read('presigned', 'object.bin', 0, 100, 'presigned/object.bin');
    expect(bytes.equals(object.subarray(0, 100))).toBe(true);
    expect(s3.getUrls().length - before).toBe(4);
    client.destroy();
  });

  it('is a NotFoundError for a missing object', async () => {
    await expect(readerFor(s3.client).read('presigned', 'missing.bin', 0, 100, 'presigned/missing.bin')).rejects.toThrow(NotFoundError);
    await expect(readerFor(s3.client).head('presigned', 'missing.bin', 'presigned/missing.bin')).rejects.toThrow(NotFoundError);
  });

  it('checks an object with a HEAD that answers as HeadObject does, and reads nothing', async () => {
    const requests = readerFor(s3.client);
    const sdk = await s3.client.send(new HeadObjectCommand({ Bucket: 'presigned', Key: 'object.bin' }));
    const first = await requests.head('presigned', 'object.bin', 'presigned/object.bin');
    expect({ etag: first.etag, size: Number(first['content-length']), modified: Date.parse(first['last-modified']!) }).toEqual({
      etag: sdk.ETag,
      size: object.length,
      modified: sdk.LastModified!.getTime(),
    });
    const gets = s3.getUrls().length;
    await requests.head('presigned', 'object.bin', 'presigned/object.bin');
    expect(s3.getUrls().length).toBe(gets);
  });
});

describe('ranged reads through presigned URLs, against a misbehaving server', () => {
  let server: http.Server;
  let client: S3Client;
  let reader: PresignedRequests;
  /** What the server answers to the next GETs, in order; then 206 with the range's bytes. */
  let script: Array<(response: http.ServerResponse) => void> = [];
  let requests = 0;
  let aborted = 0;

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      requests++;
      request.on('close', () => !response.writableFinished && aborted++);
      const next = script.shift();
      if (next) return next(response);
      const [start, end] = /bytes=(\d+)-(\d+)/.exec(request.headers.range ?? '')!.slice(1).map(Number);
      response.writeHead(206, { 'content-length': end - start + 1 }).end(Buffer.alloc(end - start + 1, 7));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new S3Client({ region: 'us-east-1', endpoint: `http://127.0.0.1:${port}`, forcePathStyle: true, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    reader = new PresignedRequests(client);
  });
  afterAll(async () => {
    reader.close();
    client.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    script = [];
    requests = 0;
    aborted = 0;
  });

  it('retries a 503 and a dropped connection, then reads the range', async () => {
    script = [(response) => response.writeHead(503).end('<Error><Code>SlowDown</Code></Error>'), (response) => response.socket!.destroy()];
    const bytes = await reader.read('bucket', 'key', 10, 50, 'bucket/key');
    expect(bytes.equals(Buffer.alloc(50, 7))).toBe(true);
    expect(requests).toBe(3);
  });

  it('gives up after three failures with S3 error code in the message', async () => {
    script = Array.from({ length: 3 }, () => (response: http.ServerResponse) => response.writeHead(500).end('<Error><Code>InternalError</Code></Error>'));
    await expect(reader.read('bucket', 'key', 0, 50, 'bucket/key')).rejects.toThrow(/500 InternalError/);
    expect(requests).toBe(3);
  });

  it('does not download a whole object from a server that ignores the range', async () => {
    const whole = 20 * 1024 * 1024;
    script = [(response) => response.writeHead(200, { 'content-length': whole }).write(Buffer.alloc(64 * 1024))];
    await expect(reader.read('bucket', 'key', 1000, 50, 'bucket/key')).rejects.toThrow(/answered 200 with 20971520 bytes for a range of 50/);
    expect(requests).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(aborted).toBe(1);
  });
});
