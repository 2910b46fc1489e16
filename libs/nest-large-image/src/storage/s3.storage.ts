import { PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { BadParameterError, NotFoundError, StorageUnavailableError } from '../errors/large-image.errors';
import type { S3StorageOptions } from '../large-image-options.interface';
import type { ByteStorage, StoredObjectInfo } from './byte-storage.interface';
import { PresignedRequests } from './presigned-requests';

/**
 * S3 or any S3-compatible server. Keys are `bucket/object/key`; every read is one ranged GET and every
 * check one HEAD, of URLs the SDK signs (see presigned-requests.ts), so a file is never downloaded whole.
 */
export class S3Storage implements ByteStorage {
  readonly name = 's3';
  private readonly client: S3Client;
  private readonly requests: PresignedRequests;

  constructor(private readonly options: S3StorageOptions) {
    this.client = new S3Client({
      region: options.region ?? 'us-east-1',
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle ?? Boolean(options.endpoint),
      credentials: options.credentials,
    });
    this.requests = new PresignedRequests(this.client);
  }

  keyFor(relative: string): string {
    return `${this.options.bucket}/${relative}`;
  }

  async stat(key: string): Promise<StoredObjectInfo> {
    const { Bucket, Key } = this.locate(key);
    const headers = await this.requests.head(Bucket, Key, key);
    const lastModified = headers['last-modified'];
    return { size: Number(headers['content-length'] ?? 0), version: headers.etag ?? String(lastModified ? Date.parse(lastModified) : undefined) };
  }

  async read(key: string, offset: number, length: number): Promise<Buffer> {
    const { Bucket, Key } = this.locate(key);
    return this.requests.read(Bucket, Key, offset, length, key);
  }

  async write(name: string, data: Buffer): Promise<string> {
    const key = this.keyFor(name);
    await this.send(key, () => this.client.send(new PutObjectCommand({ ...this.locate(key), Body: data })));
    return `s3://${key}`;
  }

  async close(): Promise<void> {
    this.requests.close();
    this.client.destroy();
  }

  private locate(key: string): { Bucket: string; Key: string } {
    const slash = key.indexOf('/');
    if (slash <= 0 || slash === key.length - 1) {
      throw new BadParameterError(`S3 reference '${key}' must have the form bucket/key`);
    }
    return { Bucket: key.slice(0, slash), Key: key.slice(slash + 1) };
  }

  /** Runs an S3 call, turning "no such object/bucket" into a 404 and anything else into a 503. */
  private async send<T>(key: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      const status = (error as S3ServiceException).$metadata?.httpStatusCode;
      const name = (error as Error).name;
      if (status === 404 || name === 'NoSuchKey' || name === 'NotFound' || name === 'NoSuchBucket') {
        throw new NotFoundError(`Object '${key}' not found in S3`);
      }
      throw new StorageUnavailableError(`S3 request for '${key}' failed: ${name} ${(error as Error).message}`);
    }
  }
}
