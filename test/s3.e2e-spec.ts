import { promises as fs } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createTestApp, TestApp } from './support/large-image-test-app';
import { FIXTURES_DIR, loadGdalInfo, loadManifest } from './support/fixtures';
import { getBinary } from './support/http';
import { LocalS3, startLocalS3 } from './support/s3-server';
import { describeTilesAgreeWithGdal } from './support/tiles-agree-with-gdal';

const manifest = loadManifest();
let s3: LocalS3;

beforeAll(async () => {
  s3 = await startLocalS3();
  for (const fixture of [...Object.keys(manifest.fixtures), 'pyramid-nongeo.tif']) {
    await s3.upload(fixture, await fs.readFile(path.join(FIXTURES_DIR, fixture)));
  }
});
afterAll(() => s3.close());

const createS3App = () => createTestApp({ storages: { s3: s3.options }, defaultStorage: 's3' });

describeTilesAgreeWithGdal('S3 range requests', createS3App, (fixture) => `s3://images/${fixture}`);

describe('reading from S3', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createS3App();
  });
  afterAll(() => testApp.app.close());

  it('bare keys resolve in the default bucket and metadata agrees with gdalinfo', async () => {
    const id = await testApp.addImage('rgb-utm-jpeg.tif');
    const { status, body } = await request(testApp.app.getHttpServer()).get(`/api/images/${id}/info/metadata`);
    expect(status).toBe(200);
    expect([body.sizeX, body.sizeY]).toEqual(loadGdalInfo('rgb-utm-jpeg.tif').size);
  });

  it('opens a COG without downloading it, and a second tile of an open file costs at most 2 GETs', async () => {
    const id = await testApp.addImage('s3://images/rgb-utm-deflate.tif');
    const size = (await fs.stat(path.join(FIXTURES_DIR, 'rgb-utm-deflate.tif'))).size;
    const [first, second] = manifest.tiles.filter((tile) => tile.fixture === 'rgb-utm-deflate.tif' && tile.kind !== 'coarse');
    const tileUrl = (tile: typeof first) => `/api/images/${id}/tiles/${tile.z}/${tile.x}/${tile.y}.png?projection=EPSG:3857`;

    const [getsBeforeOpen, bytesBeforeOpen] = [s3.gets(), s3.bytesServed()];
    expect((await request(testApp.app.getHttpServer()).get(`/api/images/${id}/info/metadata`)).status).toBe(200);
    expect(s3.gets() - getsBeforeOpen).toBeLessThanOrEqual(2);
    expect(s3.bytesServed() - bytesBeforeOpen).toBeLessThanOrEqual(128 * 1024);

    expect((await getBinary(testApp.app, tileUrl(first))).status).toBe(200);
    expect(s3.bytesServed() - bytesBeforeOpen).toBeLessThan(size * 0.6);

    const beforeSecond = s3.gets();
    expect((await getBinary(testApp.app, tileUrl(second))).status).toBe(200);
    expect(s3.gets() - beforeSecond).toBeLessThanOrEqual(2);
  });

  it('a missing object is a 404 and an unreachable S3 a 503, both with JSON messages', async () => {
    const missing = await testApp.addImage('s3://images/no-such-object.tif');
    const gone = await request(testApp.app.getHttpServer()).get(`/api/images/${missing}/info/metadata`);
    expect(gone.status).toBe(404);
    expect(gone.body.message).toMatch(/not found/i);

    const down = await createTestApp({ storages: { s3: { ...s3.options, endpoint: 'http://127.0.0.1:9' } }, defaultStorage: 's3' });
    const id = await down.addImage('rgb-utm-jpeg.tif');
    const unreachable = await request(down.app.getHttpServer()).get(`/api/images/${id}/info/metadata`);
    await down.app.close();
    expect(unreachable.status).toBe(503);
    expect(unreachable.body.message).toMatch(/S3 request/);
  });
});
