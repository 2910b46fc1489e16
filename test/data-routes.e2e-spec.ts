/**
 * Robustness of the data routes: output size limits, temporary GeoTIFFs cleaned up (also when the client
 * goes away), malformed parameters answered with a 400 that names them, histogram options.
 */
import http from 'node:http';
import { promises as fs, readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { FIXTURES_DIR } from './support/fixtures';
import { createTestApp, TestApp } from './support/large-image-test-app';
import { getImage, getJson } from './support/images';

const GEO = 'rgb-utm-deflate.tif';

/** A 400 JSON error whose message names `parameter`. */
function expectBadParameter(response: { status: number; body: { message?: string }; type: string }, parameter: string) {
  expect(response.status).toBe(400);
  expect(response.type).toMatch(/application\/json/);
  expect(response.body.message).toMatch(new RegExp(`\\b${parameter}\\b`));
}

describe('output size limits', () => {
  let testApp: TestApp;
  let id: number;
  const region = (format: string, size: number) =>
    `/api/images/${id}/data/region.${format}?left=0&top=0&right=${size}&bottom=${size}&units=pixels`;

  beforeAll(async () => {
    testApp = await createTestApp({ limits: { maxImagePixels: 1000, maxGeoTiffPixels: 2000 } });
    id = await testApp.addImage(GEO);
  });
  afterAll(() => testApp.app.close());

  it('a 100x100 PNG region is a 413 naming the image limit (1000 pixels)', async () => {
    const response = await getJson(testApp.app, region('png', 100));
    expect(response.status).toBe(413);
    expect(response.type).toMatch(/application\/json/);
    expect(response.body.message).toMatch(/\b1,?000\b/);
  });

  it('a 50x50 GeoTIFF region is a 413 naming the GeoTIFF limit (2000 pixels)', async () => {
    const response = await getJson(testApp.app, region('tif', 50));
    expect(response.status).toBe(413);
    expect(response.type).toMatch(/application\/json/);
    expect(response.body.message).toMatch(/\b2,?000\b/);
  });

  it('regions within the limits still work: a 20x20 PNG, and a 40x40 GeoTIFF (over the image limit, under the GeoTIFF one)', async () => {
    expect((await getImage(testApp.app, region('png', 20))).status).toBe(200);
    expect((await getImage(testApp.app, region('tif', 40))).status).toBe(200);
  });

  it('a 256 thumbnail is a 413 naming the image limit; a 30x30 one reads within the limit and succeeds', async () => {
    const large = await getJson(testApp.app, `/api/images/${id}/data/thumbnail.png`);
    expect(large.status).toBe(413);
    expect(large.body.message).toMatch(/thumbnail.*\b1,?000\b/);
    // The smallest overview at least 30 pixels across has far more than 1000 pixels: it is sampled down first.
    const small = await getImage(testApp.app, `/api/images/${id}/data/thumbnail.png?max_width=30&max_height=30`);
    expect(small.status).toBe(200);
    const { width, height } = await sharp(small.body).metadata();
    expect([width, height]).toEqual([30, 22]);
  });
});

describe('temporary GeoTIFFs', () => {
  let testApp: TestApp;
  let id: number;
  let directory: string;
  let port: number;
  const wholeImage = () => `/api/images/${id}/data/region.tif?left=0&top=0&right=1500&bottom=1100&units=pixels`;

  /** Waits up to two seconds for stream close events to delete the files; returns what is left. */
  async function filesLeftAfterSettling(): Promise<string[]> {
    for (let attempt = 0; attempt < 40; attempt++) {
      const files = readdirSync(directory);
      if (!files.length) return files;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return readdirSync(directory);
  }

  /** GETs `requestPath`, reads one chunk of the body, then drops the connection; returns the directory listing at that moment. */
  function abortAfterFirstChunk(requestPath: string): Promise<string[]> {
    return new Promise((resolve, reject) => {
      const request = http.get({ host: '127.0.0.1', port, path: requestPath }, (response) => {
        if (response.statusCode !== 200) return reject(new Error(`status ${response.statusCode}`));
        response.once('data', () => {
          const during = readdirSync(directory);
          request.destroy();
          resolve(during);
        });
      });
      request.on('error', () => undefined);
    });
  }

  beforeAll(async () => {
    directory = await fs.mkdtemp(path.join(os.tmpdir(), 'nest-large-image-temp-'));
    testApp = await createTestApp({ limits: { temporaryDirectory: directory } });
    id = await testApp.addImage(GEO);
    await testApp.app.listen(0, '127.0.0.1');
    port = (testApp.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => {
    await fs.rm(directory, { recursive: true, force: true });
    await testApp?.app.close();
  });

  it('are deleted after complete responses, sequential and concurrent', async () => {
    for (let i = 0; i < 3; i++) {
      const response = await getImage(testApp.app, `/api/images/${id}/data/region.tif?left=${i * 100}&top=0&right=${i * 100 + 300}&bottom=300&units=pixels`);
      expect(response.status).toBe(200);
    }
    const concurrent = await Promise.all([getImage(testApp.app, wholeImage()), getImage(testApp.app, wholeImage())]);
    for (const response of concurrent) expect(response.status).toBe(200);
    expect(await filesLeftAfterSettling()).toEqual([]);
  });

  it('are deleted when the client drops the connection after the first chunk', async () => {
    const during = await abortAfterFirstChunk(wholeImage());
    // The response streams from a file in the configured directory, or this test would prove nothing.
    expect(during.length).toBeGreaterThan(0);
    expect(await filesLeftAfterSettling()).toEqual([]);
  });

  it('are not left behind by failed region requests', async () => {
    const outside = await getJson(testApp.app, `/api/images/${id}/data/region.tif?left=5000&top=5000&right=6000&bottom=6000&units=pixels`);
    expect(outside.status).toBe(400);
    expect(await filesLeftAfterSettling()).toEqual([]);
  });
});

describe('malformed parameters are a 400 naming the parameter, never a 500', () => {
  let testApp: TestApp;
  let id: number;

  beforeAll(async () => {
    testApp = await createTestApp();
    id = await testApp.addImage(GEO);
  });
  afterAll(() => testApp.app.close());

  const box = 'right=10&top=0&bottom=10&units=pixels';
  it.each([
    ['data/region.png?left=abc&' + box, 'left'],
    ['data/region.png?' + box, 'left'],
    ['data/region.png?left=0&right=10&top=0&units=pixels', 'bottom'],
    ['data/region.png?left=Infinity&' + box, 'left'],
    ['data/region.png?left=0&' + box + '&width=1.5', 'width'],
    ['data/region.png?left=0&' + box + '&max_height=0', 'max_height'],
    ['data/pixel?left=abc&top=0', 'left'],
    ['data/pixel?left=0x10&top=0', 'left'],
    ['data/pixel?left=0&top=0b1', 'top'],
    ['data/pixel?left=0', 'top'],
    ['data/histogram?bins=0', 'bins'],
    ['data/histogram?bins=abc', 'bins'],
    ['data/histogram?bins=1e9', 'bins'],
    ['data/histogram?range=5,1', 'range'],
    ['data/histogram?range=abc', 'range'],
    ['data/histogram?range=0x10,0x20', 'range'],
    ['data/histogram?range=,5', 'range'],
    ['tiles/0/0/0.png?band=1&nodata=0b1', 'nodata'],
    ['tiles/0/0/0.png?band=1&min=0x10', 'min'],
    ['data/histogram?density=maybe', 'density'],
    ['data/histogram?analysis_size=0', 'analysis_size'],
    ['data/histogram?frame=abc', 'frame'],
    ['data/thumbnail.png?max_width=0', 'max_width'],
    ['data/thumbnail.png?max_height=-5', 'max_height'],
    ['tiles/0/0/0.png?frame=-1', 'frame'],
    ['info/band?band=0', 'band'],
    ['info/band?band=abc', 'band'],
  ])('%s names %s', async (route, parameter) => {
    expectBadParameter(await getJson(testApp.app, `/api/images/${id}/${route}`), parameter);
  });
});

describe('histogram options', () => {
  let testApp: TestApp;
  const ids: Record<string, number> = {};
  const histogram = async (fixture: string, query: string) => {
    const response = await getJson(testApp.app, `/api/images/${ids[fixture]}/data/histogram?${query}`);
    expect(response.status).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    testApp = await createTestApp();
    for (const fixture of [GEO, 'float32-4326-nodata.tif']) ids[fixture] = await testApp.addImage(fixture);
  });
  afterAll(() => testApp.app.close());

  it.each([GEO, 'float32-4326-nodata.tif'])('%s: density=true sums to 1 per band and is the counts over the samples', async (fixture) => {
    const counts = await histogram(fixture, 'bins=64');
    const densities = await histogram(fixture, 'bins=64&density=true');
    expect(densities).toHaveLength(counts.length);
    densities.forEach((band: { hist: number[] }, index: number) => {
      const total = band.hist.reduce((sum, value) => sum + value, 0);
      expect(Math.abs(total - 1)).toBeLessThanOrEqual(1e-9);
      const { hist, samples } = counts[index];
      band.hist.forEach((value, bin) => expect(Math.abs(value - hist[bin] / samples)).toBeLessThanOrEqual(1e-12));
    });
  });

  /** level, width and height must say an overview was read: level > 0, smaller than full resolution, >= 100 on its longer side. */
  function expectOverview(resolution: { level: number; width: number; height: number }) {
    expect(resolution.level).toBeGreaterThan(0);
    expect(resolution.width).toBeLessThan(1500);
    expect(resolution.height).toBeLessThan(1100);
    expect(Math.max(resolution.width, resolution.height)).toBeGreaterThanOrEqual(100);
  }

  it('analysis_size=100 with onlyMinMax reports the overview it read', async () => {
    expectOverview(await histogram(GEO, 'onlyMinMax=true&analysis_size=100'));
  });

  it('analysis_size=100 histograms report the overview per band and count its pixels only', async () => {
    const bands = await histogram(GEO, 'analysis_size=100');
    expect(bands).toHaveLength(3);
    for (const band of bands) {
      expectOverview(band);
      expect(band.samples).toBe(band.width * band.height);
    }
  });
});

describe("encoders' own size limits", () => {
  let testApp: TestApp;
  let id: number;
  const region = (format: string, width: number) =>
    `/api/images/${id}/data/region.${format}?left=0&top=0&right=100&bottom=100&units=pixels&width=${width}&height=2`;

  beforeAll(async () => {
    testApp = await createTestApp();
    id = await testApp.addImage(GEO);
  });
  afterAll(() => testApp.app.close());

  it.each([
    ['jpeg', 65500],
    ['webp', 16383],
  ])('a %s region one pixel wider than the encoder writes (%d) is a 413 that says so, not a 500', async (format, maxSide) => {
    const response = await getJson(testApp.app, region(format, maxSide + 1));
    expect(response.status).toBe(413);
    expect(response.type).toMatch(/application\/json/);
    expect(response.body.message).toMatch(new RegExp(`at most ${maxSide} pixels`));
    expect((await getImage(testApp.app, region(format, maxSide))).status).toBe(200);
  });
});

describe('the scan budget of statistics (limits.statisticsMaxPixels)', () => {
  // 500 x 400 pixels in 256-pixel blocks, no overviews: past a budget of 50,000 pixels, every second block
  // of every second row is read ([2, 2]), which is the top left block alone.
  const FIXTURE = 'palette-4326.tif';
  let testApp: TestApp;
  let id: number;
  let topLeftBlock: { min: number; max: number; mean: number; count: number };

  beforeAll(async () => {
    testApp = await createTestApp({ limits: { statisticsMaxPixels: 50_000 } });
    id = await testApp.addImage(FIXTURE);
    // geotiff.js's own reading of the block, as the reference.
    const { fromFile } = await import('geotiff');
    const tiff = await fromFile(path.join(FIXTURES_DIR, FIXTURE));
    const [values] = (await (await tiff.getImage()).readRasters({ window: [0, 0, 256, 256] })) as unknown as ArrayLike<number>[];
    let [min, max, sum] = [Infinity, -Infinity, 0];
    for (let i = 0; i < values.length; i++) [min, max, sum] = [Math.min(min, values[i]), Math.max(max, values[i]), sum + values[i]];
    topLeftBlock = { min, max, mean: sum / values.length, count: values.length };
    await tiff.close();
  });
  afterAll(() => testApp.app.close());

  it('info/bands computes the statistics from a grid of blocks and says so', async () => {
    const response = await getJson(testApp.app, `/api/images/${id}/info/bands`);
    expect(response.status).toBe(200);
    const band = response.body[1];
    expect(band.statisticsBlockStep).toEqual([2, 2]);
    expect([band.min, band.max]).toEqual([topLeftBlock.min, topLeftBlock.max]);
    expect(band.mean).toBeCloseTo(topLeftBlock.mean, 9);
  });

  it('data/histogram does too, and reports the step', async () => {
    const response = await getJson(testApp.app, `/api/images/${id}/data/histogram?bins=16`);
    expect(response.status).toBe(200);
    const [band] = response.body;
    expect(band).toMatchObject({ level: 0, width: 500, height: 400, blockStep: [2, 2], samples: topLeftBlock.count, min: topLeftBlock.min, max: topLeftBlock.max });
  });
});

describe('pixel in EPSG:4326', () => {
  let testApp: TestApp;
  let id: number;
  const pixel = (query: string) => getJson(testApp.app, `/api/images/${id}/data/pixel?units=EPSG:4326&${query}`);

  beforeAll(async () => {
    testApp = await createTestApp();
    id = await testApp.addImage(GEO);
  });
  afterAll(() => testApp.app.close());

  it('a point inside the image answers its values', async () => {
    const { bounds } = (await getJson(testApp.app, `/api/images/${id}/info/metadata`)).body;
    const response = await pixel(`left=${(bounds.xmin + bounds.xmax) / 2}&top=${(bounds.ymin + bounds.ymax) / 2}`);
    expect(response.status).toBe(200);
    expect(Object.keys(response.body.bands)).toEqual(['1', '2', '3']);
  });

  it.each([
    ['just east of the image', 'left=15.3&top=45.1'],
    ['far away, on the other side of the world', 'left=100&top=0'],
  ])('a point %s is a 400 saying it is outside', async (_name, query) => {
    const response = await pixel(query);
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/outside/);
  });

  it('the message for a far-away point does not report NaN pixel coordinates', async () => {
    const response = await pixel('left=100&top=0');
    expect(response.status).toBe(400);
    expect(response.body.message).not.toMatch(/NaN/);
  });
});
