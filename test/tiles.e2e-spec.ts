import request from 'supertest';
import sharp from 'sharp';
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { fromArrayBuffer } from 'geotiff';
import { createTestApp, TestApp } from './support/large-image-test-app';
import { FIXTURES_DIR, loadManifest } from './support/fixtures';
import { getBinary } from './support/http';

const manifest = loadManifest();

describe('tile routes', () => {
  let testApp: TestApp;
  let geo: number;
  let plain: number;

  beforeAll(async () => {
    testApp = await createTestApp();
    geo = await testApp.addImage('rgb-utm-deflate.tif');
    plain = await testApp.addImage('pyramid-nongeo.tif');
  });
  afterAll(() => testApp.app.close());

  it.each([
    ['png', 'image/png', 'png'],
    ['jpeg', 'image/jpeg', 'jpeg'],
    ['jpg', 'image/jpeg', 'jpeg'],
    ['webp', 'image/webp', 'webp'],
  ])('serves %s tiles with Content-Type %s in pixel space and in EPSG:3857', async (format, mime, decodedAs) => {
    for (const url of [`/api/images/${plain}/tiles/1/0/0.${format}`, `/api/images/${geo}/tiles/1/0/0.${format}?projection=EPSG:3857`]) {
      const response = await getBinary(testApp.app, url);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe(mime);
      expect(Number(response.headers['content-length'])).toBe((response.body as Buffer).length);
      expect((await sharp(response.body as Buffer).metadata()).format).toBe(decodedAs);
    }
  });

  it('pixel-space z=0 holds the whole image in one tile, the deepest level is native resolution, edges are cropped', async () => {
    const meta = (await request(testApp.app.getHttpServer()).get(`/api/images/${plain}/info/metadata`)).body;
    const scale = 2 ** (meta.levels - 1);
    const whole = await sharp((await getBinary(testApp.app, `/api/images/${plain}/tiles/0/0/0.png`)).body as Buffer).metadata();
    expect([whole.width, whole.height]).toEqual([Math.ceil(meta.sizeX / scale), Math.ceil(meta.sizeY / scale)]);
    const lastColumn = Math.ceil(meta.sizeX / 256) - 1;
    const edge = await sharp((await getBinary(testApp.app, `/api/images/${plain}/tiles/${meta.levels - 1}/${lastColumn}/0.png`)).body as Buffer).metadata();
    expect([edge.width, edge.height]).toEqual([meta.sizeX - lastColumn * 256, 256]);
  });

  it('a native pixel-space tile holds exactly the source pixels (geotiff.js readRasters as the oracle)', async () => {
    const meta = (await request(testApp.app.getHttpServer()).get(`/api/images/${plain}/info/metadata`)).body;
    const png = (await getBinary(testApp.app, `/api/images/${plain}/tiles/${meta.levels - 1}/1/1.png`)).body as Buffer;
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    const bytes = await fs.readFile(path.join(FIXTURES_DIR, 'pyramid-nongeo.tif'));
    const image = await (await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))).getImage();
    const expected = (await image.readRasters({ window: [256, 256, 512, 512], interleave: true })) as unknown as Uint8Array;
    let different = 0;
    for (let i = 0; i < 256 * 256; i++) {
      for (let c = 0; c < 3; c++) if (data[i * info.channels + c] !== expected[i * 3 + c]) different++;
      if (data[i * info.channels + 3] !== 255) different++;
    }
    expect(different).toBe(0);
  });

  it('EPSG:3857 tiles of the grid that miss the image are transparent, not errors', async () => {
    const response = await getBinary(testApp.app, `/api/images/${geo}/tiles/3/0/0.png?projection=EPSG:3857`);
    expect(response.status).toBe(200);
    const { data, info } = await sharp(response.body as Buffer).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([256, 256]);
    for (let i = 3; i < data.length; i += 4) expect(data[i]).toBe(0);
  });

  it('TileJSON 3.0 gives an absolute tile template, bounds and zoom range that work', async () => {
    const { status, body } = await request(testApp.app.getHttpServer()).get(`/api/images/${geo}/tilejson.json`).set('host', 'tiles.example:8080');
    expect(status).toBe(200);
    expect(body.tilejson).toBe('3.0.0');
    expect(body.tiles[0]).toMatch(new RegExp(`^http://tiles\\.example:8080/api/images/${geo}/tiles/\\{z\\}/\\{x\\}/\\{y\\}\\.png\\?projection=EPSG:3857&v=[\\w-]{12}$`));
    expect(body.minzoom).toBe(0);
    expect(body.maxzoom).toBe(manifest.fixtures['rgb-utm-deflate.tif'].levels3857 - 1);
    const meta = (await request(testApp.app.getHttpServer()).get(`/api/images/${geo}/info/metadata`)).body;
    expect(body.bounds).toEqual([meta.bounds.xmin, meta.bounds.ymin, meta.bounds.xmax, meta.bounds.ymax]);
    const native = manifest.tiles.find((tile) => tile.fixture === 'rgb-utm-deflate.tif' && tile.kind === 'native')!;
    const tileUrl = new URL(body.tiles[0].replace('{z}', native.z).replace('{x}', native.x).replace('{y}', native.y));
    const tile = await getBinary(testApp.app, tileUrl.pathname + tileUrl.search);
    expect(tile.status).toBe(200);
  });

  it('TileJSON carries the style and frame it was asked for into its tile URLs, whose tiles are styled', async () => {
    const { status, body } = await request(testApp.app.getHttpServer()).get(`/api/images/${geo}/tilejson.json?band=1&palette=viridis&projection=EPSG:3857&v=old`);
    expect(status).toBe(200);
    const tileUrl = new URL(body.tiles[0].replace('{z}/{x}/{y}', '0/0/0'));
    expect(Object.fromEntries(tileUrl.searchParams)).toEqual({ projection: 'EPSG:3857', band: '1', palette: 'viridis', v: expect.stringMatching(/^[\w-]{12}$/) });
    const styled = await getBinary(testApp.app, tileUrl.pathname + tileUrl.search);
    const direct = await getBinary(testApp.app, `/api/images/${geo}/tiles/0/0/0.png?projection=EPSG:3857&band=1&palette=viridis`);
    expect(styled.status).toBe(200);
    expect((styled.body as Buffer).equals(direct.body as Buffer)).toBe(true);
  });

  it('TileJSON of a non-georeferenced image is a clear 400', async () => {
    const { status, body } = await request(testApp.app.getHttpServer()).get(`/api/images/${plain}/tilejson.json`);
    expect(status).toBe(400);
    expect(body.message).toMatch(/not georeferenced/);
  });

  it('lists formats and sources', async () => {
    const formats = await request(testApp.app.getHttpServer()).get('/api/large-image/formats');
    expect(formats.body).toMatchObject({ png: 'image/png', jpeg: 'image/jpeg', jpg: 'image/jpeg', webp: 'image/webp' });
    const sources = await request(testApp.app.getHttpServer()).get('/api/large-image/sources');
    expect(Object.keys(sources.body)).toEqual(['geotiff']);
  });
});

describe('stored JPEG tiles', () => {
  let testApp: TestApp;
  let id: number;

  beforeAll(async () => {
    testApp = await createTestApp();
    id = await testApp.addImage('rgb-utm-jpeg.tif');
  });
  afterAll(() => testApp.app.close());

  async function storedTileBytes(index: number): Promise<Buffer> {
    const file = await fs.readFile(path.join(FIXTURES_DIR, 'rgb-utm-jpeg.tif'));
    const image = await (await fromArrayBuffer(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength))).getImage();
    const offset = Number(await image.fileDirectory.loadValueIndexed('TileOffsets', index));
    const size = Number(await image.fileDirectory.loadValueIndexed('TileByteCounts', index));
    return file.subarray(offset, offset + size);
  }

  it('a JPEG tile that is exactly an internal tile is sent as stored, not re-encoded', async () => {
    // Native level (z = 3 of 4), column 1, row 1: internal tile 1 * 6 + 1 (1500 px = 6 tiles across).
    const response = await getBinary(testApp.app, `/api/images/${id}/tiles/3/1/1.jpeg`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('image/jpeg');
    const stored = await storedTileBytes(7);
    expect((response.body as Buffer).includes(stored.subarray(2))).toBe(true);
    expect((await sharp(response.body as Buffer).metadata()).width).toBe(256);
  });

  it('other tiles (edges, styles, reprojected) are rendered and encoded', async () => {
    const stored = await storedTileBytes(7);
    for (const url of [`tiles/3/1/1.jpeg?band=1`, `tiles/3/1/1.png`]) {
      const response = await getBinary(testApp.app, `/api/images/${id}/${url}`);
      expect((response.body as Buffer).includes(stored.subarray(2))).toBe(false);
    }
    const edge = await getBinary(testApp.app, `/api/images/${id}/tiles/3/5/0.jpeg`);
    expect((await sharp(edge.body as Buffer).metadata()).width).toBe(1500 - 5 * 256);
  });
});
