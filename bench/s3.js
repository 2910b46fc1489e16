// A local S3 server (s3rver) for the benchmark, with a count of the GETs and bytes it serves.
const fs = require('node:fs');
const path = require('node:path');
const S3rver = require('s3rver');
const { S3Client, CreateBucketCommand, HeadObjectCommand, PutObjectCommand } = require('@aws-sdk/client-s3');

const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

async function startS3(directory, bucket) {
  fs.mkdirSync(directory, { recursive: true });
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  const { port } = await server.run();
  const counters = { gets: 0, bytes: 0 };
  server.httpServer.on('request', (request, response) => {
    if (request.method !== 'GET') return;
    counters.gets++;
    response.on('finish', () => (counters.bytes += Number(response.getHeader('content-length') ?? 0)));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: CREDENTIALS });
  await client.send(new CreateBucketCommand({ Bucket: bucket })).catch(() => undefined);
  return {
    endpoint,
    counters,
    snapshot: () => ({ ...counters }),
    /** Uploads `file` unless an object of the same size is already there (the store persists across runs). */
    async ensureObject(file) {
      const key = path.basename(file);
      const size = fs.statSync(file).size;
      const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).catch(() => undefined);
      if (head?.ContentLength !== size) {
        console.log(`uploading ${key} to the local S3 server ...`);
        // A Buffer, not a stream: streamed bodies are sent aws-chunked, which s3rver stores undecoded.
        await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: fs.readFileSync(file) }));
      }
      return `s3://${bucket}/${key}`;
    },
    async close() {
      client.destroy();
      await server.close();
    },
  };
}

module.exports = { startS3, CREDENTIALS };
