import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { LargeImageService } from 'nest-large-image';
import { createTestApp, TestApp } from './support/large-image-test-app';
import { FIXTURES_DIR } from './support/fixtures';
import { getBinary } from './support/http';
import { LocalS3, startLocalS3 } from './support/s3-server';

const TILE = 'tiles/0/0/0.png';

/** Counts real renders (tile cache misses) of one app's engine. */
function countRenders(testApp: TestApp) {
  const engine = testApp.app.get(LargeImageService).engine;
  return jest.spyOn(engine, 'renderTile');
}

describe('HTTP caching: ETag, 304, Cache-Control, Content-Length, HEAD', () => {
  let testApp: TestApp;
  let id: number;
  const http = () => request(testApp.app.getHttpServer());

  beforeAll(async () => {
    testApp = await createTestApp();
    id = await testApp.addImage('rgb-utm-deflate.tif');
  });
  afterAll(() => testApp.app.close());

  it('answers with an ETag, a Cache-Control and a Content-Length, and 304 for If-None-Match without rendering', async () => {
    const first = await getBinary(testApp.app, `/api/images/${id}/${TILE}`);
    expect(first.status).toBe(200);
    expect(first.headers.etag).toMatch(/^"[\w-]{27}"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=300, stale-while-revalidate=86400');
    expect(Number(first.headers['content-length'])).toBe((first.body as Buffer).length);
    const renders = countRenders(testApp);
    const revalidated = await http().get(`/api/images/${id}/${TILE}`).set('If-None-Match', first.headers.etag);
    expect(revalidated.status).toBe(304);
    expect(revalidated.text ?? '').toBe('');
    expect(renders).not.toHaveBeenCalled();
    renders.mockRestore();
  });

  it('gives equivalent URLs one ETag and different outputs different ones', async () => {
    const etag = async (url: string) => (await http().head(`/api/images/${id}/${url}`)).headers.etag;
    expect(await etag('tiles/0/0/0.jpg?band=1&palette=viridis')).toBe(await etag('tiles/0/0/0.jpeg?palette=viridis&band=1'));
    expect(await etag('tiles/0/0/0.png?style=%7B%22band%22%3A1%7D')).toBe(await etag('tiles/0/0/0.png?style=%7B%22band%22%3A%201%7D'));
    expect(await etag('tiles/0/0/0.png')).not.toBe(await etag('tiles/0/0/0.webp'));
    expect(await etag('tiles/0/0/0.png')).not.toBe(await etag('tiles/0/0/0.png?band=1'));
  });

  it('changes ETags when the module options that shape answers change (encoders, tile size), not otherwise', async () => {
    const etagIn = async (app: TestApp) => (await request(app.app.getHttpServer()).head(`/api/images/${await app.addImage('rgb-utm-deflate.tif')}/${TILE}`)).headers.etag;
    const apps = [
      await createTestApp({ cache: { memoryBytes: 1024 * 1024 } }),
      await createTestApp({ encoding: { pngCompressionLevel: 9 } }),
      await createTestApp({ tileSize: 512 }),
    ];
    try {
      const [sameOutput, otherEncoder, otherTileSize] = await Promise.all(apps.map(etagIn));
      const current = await etagIn(testApp);
      expect(sameOutput).toBe(current);
      expect(otherEncoder).not.toBe(current);
      expect(otherTileSize).not.toBe(current);
    } finally {
      await Promise.all(apps.map((app) => app.app.close()));
    }
  });

  it('/api/large-image/stats is a 404 unless enabled, then reports memory and cache sizes that grow with use', async () => {
    expect((await http().get('/api/large-image/stats')).status).toBe(404);
    const withStats = await createTestApp({ statsEndpoint: true });
    try {
      const stats = () => request(withStats.app.getHttpServer()).get('/api/large-image/stats');
      const before = (await stats()).body;
      expect(before).toMatchObject({ pid: process.pid, rssBytes: expect.any(Number), heapUsedBytes: expect.any(Number), arrayBuffersBytes: expect.any(Number) });
      expect(before.eventLoopDelayMs.p99).toBeGreaterThanOrEqual(before.eventLoopDelayMs.p50);
      const tile = await getBinary(withStats.app, `/api/images/${await withStats.addImage('rgb-utm-deflate.tif')}/${TILE}`);
      expect(tile.status).toBe(200);
      const after = (await stats()).body;
      expect(after.caches.openSources).toBe(before.caches.openSources + 1);
      expect(after.caches.tileBytes).toBeGreaterThanOrEqual(before.caches.tileBytes + (tile.body as Buffer).length);
      expect(after.caches.fileBlockBytes).toBeGreaterThan(before.caches.fileBlockBytes);
    } finally {
      await withStats.app.close();
    }
  });

  it('HEAD has the headers of GET and no body', async () => {
    const get = await getBinary(testApp.app, `/api/images/${id}/data/thumbnail.png`);
    const head = await http().head(`/api/images/${id}/data/thumbnail.png`);
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(head.headers.etag).toBe(get.headers.etag);
    expect(head.headers['content-type']).toBe('image/png');
  });

  it("a URL carrying the file's version tag (as TileJSON's do) is cacheable for a year", async () => {
    const tilejson = await http().get(`/api/images/${id}/tilejson.json`);
    const tileUrl = new URL(tilejson.body.tiles[0].replace('{z}/{x}/{y}', '0/0/0'));
    const versioned = await http().get(`${tileUrl.pathname}${tileUrl.search}`);
    expect(versioned.status).toBe(200);
    expect(versioned.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const stale = await http().get(`/api/images/${id}/tiles/0/0/0.png?projection=EPSG:3857&v=oldversion00`);
    expect(stale.headers['cache-control']).toBe('public, max-age=300, stale-while-revalidate=86400');
  });

  it('renders a tile once: repeated and concurrent requests are served from the cache (single flight)', async () => {
    const renders = countRenders(testApp);
    const url = `/api/images/${id}/tiles/1/0/0.png?band=2&palette=magma`;
    const answers = await Promise.all(Array.from({ length: 8 }, () => getBinary(testApp.app, url)));
    await getBinary(testApp.app, url);
    expect(renders).toHaveBeenCalledTimes(1);
    const bodies = new Set(answers.map((answer) => (answer.body as Buffer).toString('base64')));
    expect(bodies.size).toBe(1);
    renders.mockRestore();
  });

  it('purges one record through DELETE :id/cache, after which the tile is rendered again', async () => {
    const url = `/api/images/${id}/tiles/1/1/0.png`;
    await getBinary(testApp.app, url);
    const renders = countRenders(testApp);
    await getBinary(testApp.app, url);
    expect(renders).toHaveBeenCalledTimes(0);
    const purge = await http().delete(`/api/images/${id}/cache`);
    expect(purge.status).toBe(200);
    expect(purge.body).toEqual({ purged: true, scope: 'all' });
    await getBinary(testApp.app, url);
    expect(renders).toHaveBeenCalledTimes(1);
    renders.mockRestore();
  });
});

describe('a replaced file never serves old tiles or metadata', () => {
  it('on local disk', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'replace-'));
    await fs.copyFile(path.join(FIXTURES_DIR, 'rgb-utm-deflate.tif'), path.join(root, 'image.tif'));
    const testApp = await createTestApp({ storages: { local: { root } } });
    const id = await testApp.addImage('image.tif');
    const before = await getBinary(testApp.app, `/api/images/${id}/${TILE}`);
    const metadataBefore = (await request(testApp.app.getHttpServer()).get(`/api/images/${id}/info/metadata`)).body;
    await fs.copyFile(path.join(FIXTURES_DIR, 'pyramid-nongeo.tif'), path.join(root, 'image.tif'));
    const after = await getBinary(testApp.app, `/api/images/${id}/${TILE}`);
    const metadataAfter = (await request(testApp.app.getHttpServer()).get(`/api/images/${id}/info/metadata`)).body;
    await testApp.app.close();
    await fs.rm(root, { recursive: true });
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(Buffer.compare(after.body as Buffer, before.body as Buffer)).not.toBe(0);
    expect([metadataBefore.sizeX, metadataAfter.sizeX]).toEqual([1500, 1100]);
  });

  describe('in S3', () => {
    let s3: LocalS3;
    beforeAll(async () => {
      s3 = await startLocalS3('replaced');
    });
    afterAll(() => s3.close());

    it('the next request after an overwrite shows the new object', async () => {
      await s3.upload('image.tif', await fs.readFile(path.join(FIXTURES_DIR, 'rgb-utm-deflate.tif')));
      const testApp = await createTestApp({ storages: { s3: s3.options }, defaultStorage: 's3' });
      const id = await testApp.addImage('image.tif');
      const before = await getBinary(testApp.app, `/api/images/${id}/${TILE}`);
      await s3.upload('image.tif', await fs.readFile(path.join(FIXTURES_DIR, 'uint16-4band.tif')));
      const after = await getBinary(testApp.app, `/api/images/${id}/${TILE}`);
      const metadata = (await request(testApp.app.getHttpServer()).get(`/api/images/${id}/info/metadata`)).body;
      await testApp.app.close();
      expect(after.headers.etag).not.toBe(before.headers.etag);
      expect(Buffer.compare(after.body as Buffer, before.body as Buffer)).not.toBe(0);
      expect(metadata.bandCount).toBe(4);
    });
  });
});

/** Two apps stand for two processes or replicas; Redis is the tier they share. */
const describeWithRedis = process.env.REDIS_URL ? describe : describe.skip;
describeWithRedis('the Redis tile cache shared by processes', () => {
  const keyPrefix = `nest-large-image-test-${process.pid}-${Date.now()}:`;
  const options = { cache: { redisUrl: process.env.REDIS_URL, redisKeyPrefix: keyPrefix } };
  let first: TestApp;
  let second: TestApp;
  let id: number;

  beforeAll(async () => {
    [first, second] = await Promise.all([createTestApp(options), createTestApp(options)]);
    id = await first.addImage('rgb-utm-jpeg.tif');
    await second.addImage('rgb-utm-jpeg.tif');
  });
  afterAll(async () => {
    await Promise.all([first.app.close(), second.app.close()]);
  });

  it('a tile rendered by one process is served to another from Redis, and a purge reaches every process', async () => {
    const url = `/api/images/${id}/tiles/2/1/1.webp`;
    const rendered = await getBinary(first.app, url);
    const secondRenders = countRenders(second);
    const shared = await getBinary(second.app, url);
    expect(secondRenders).not.toHaveBeenCalled();
    expect(Buffer.compare(shared.body as Buffer, rendered.body as Buffer)).toBe(0);
    expect(shared.headers['content-type']).toBe('image/webp');

    const firstRenders = countRenders(first);
    await request(second.app.getHttpServer()).delete(`/api/images/${id}/cache`).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 200)); // the purge message travels through Redis
    await getBinary(first.app, url);
    expect(firstRenders).toHaveBeenCalledTimes(1);
    firstRenders.mockRestore();
    secondRenders.mockRestore();
  });
});
