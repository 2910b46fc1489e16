import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { existsSync, promises as fs } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import request from 'supertest';
import { AppModule } from '../apps/demo/src/app.module';
import { demoConfigFromEnv } from '../apps/demo/src/demo-config';
import { setUpDemoApp } from '../apps/demo/src/set-up-demo-app';
import { FIXTURES_DIR } from './support/fixtures';
import { getBinary } from './support/http';

/** Debian's Chromium (apt-get install chromium), as .ci/run installs it; CHROMIUM_PATH points elsewhere. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM) console.warn(`Chromium is not installed at ${CHROMIUM} (Debian: apt-get install chromium): the viewer pages are not tested`);
const describeWithChromium = HAS_CHROMIUM ? describe : describe.skip;

const VIEWPORT = { width: 800, height: 600 };
/** The map's background, where it shows no image. */
const WHITE = 250;
/** Pixels along the map's sides that imageBox leaves out. */
const EDGE = 2;

interface TileCounts {
  requested: number;
  loaded: number;
  failed: number;
}

/** A viewer page once every tile it asked for has loaded or failed, with what the browser saw on the way. */
interface ViewedPage {
  page: Page;
  tiles: TileCounts;
  /** The tile requests the page made, with their answers' statuses. */
  tileAnswers: Array<{ url: string; status: number }>;
  pageErrors: string[];
}

describeWithChromium('the demo viewer pages in Chromium', () => {
  let app: NestExpressApplication;
  let dataDir: string;
  let browser: Browser;
  let origin: string;
  let georeferencedId: number;
  let pixelImageId: number;

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'viewers-'));
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(demoConfigFromEnv({}, dataDir))] }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
    setUpDemoApp(app);
    await app.listen(0, '127.0.0.1');
    origin = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    // The sample COG (UTM zone 33N) is registered on start; the other is an image in pixel coordinates.
    georeferencedId = (await request(app.getHttpServer()).get('/api/images')).body[0].id;
    const upload = await request(app.getHttpServer()).post('/api/images').attach('file', path.join(FIXTURES_DIR, 'pyramid-nongeo.tif'));
    pixelImageId = upload.body.id;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // The brief's flags, and /tmp rather than a small /dev/shm for shared memory, as containers often have.
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  async function view(viewer: string, id: number): Promise<ViewedPage> {
    const page = await browser.newPage({ viewport: VIEWPORT });
    const pageErrors: string[] = [];
    const tileAnswers: ViewedPage['tileAnswers'] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('response', (response) => {
      if (response.url().includes('/tiles/')) tileAnswers.push({ url: response.url(), status: response.status() });
    });
    await page.goto(`${origin}/viewers/${viewer}.html?id=${id}`);
    await page.waitForFunction(
      () => {
        const state = globalThis as unknown as { viewerError?: string; viewerTiles?: TileCounts };
        const tiles = state.viewerTiles;
        return state.viewerError !== undefined || (tiles !== undefined && tiles.requested > 0 && tiles.loaded + tiles.failed === tiles.requested);
      },
      undefined,
      { timeout: 20_000 },
    );
    const state = () =>
      page.evaluate(() => {
        const { viewerError, viewerTiles } = globalThis as unknown as { viewerError?: string; viewerTiles: TileCounts };
        return JSON.stringify({ viewerError, viewerTiles });
      });
    // Settled once nothing changes for a second (OpenLayers starts queued tiles late; both fade tiles in).
    let [before, after] = ['', await state()];
    for (let attempt = 0; attempt < 20 && after !== before; attempt++) {
      await page.waitForTimeout(1000);
      [before, after] = [after, await state()];
    }
    const { viewerError, viewerTiles } = JSON.parse(after) as { viewerError?: string; viewerTiles: TileCounts };
    expect(viewerError).toBeUndefined();
    expect(viewerTiles.loaded + viewerTiles.failed).toBe(viewerTiles.requested);
    return { page, tiles: viewerTiles, tileAnswers, pageErrors };
  }

  describe.each(['leaflet', 'openlayers'])('%s', (viewer) => {
    it('shows a georeferenced image from its TileJSON, every tile loaded', async () => {
      const { page, tiles, tileAnswers, pageErrors } = await view(viewer, georeferencedId);
      expect(pageErrors).toEqual([]);
      expect(tiles.failed).toBe(0);
      expect(tiles.loaded).toBeGreaterThanOrEqual(4);
      expect(tileAnswers).toHaveLength(tiles.requested);
      const { tiles: templates } = (await request(app.getHttpServer()).get(`/api/images/${georeferencedId}/tilejson.json`)).body;
      const query = new URL(templates[0]).search;
      // Every tile asked for is one of the TileJSON's: EPSG:3857, this version of the file.
      for (const { url, status } of tileAnswers) {
        expect(status).toBe(200);
        expect(new URL(url).search).toBe(query);
      }
      const shown = await imageBox(page);
      expect(shown.width * shown.height).toBeGreaterThan(0.3 * VIEWPORT.width * VIEWPORT.height);
      await page.close();
    });

    it('shows an image in pixel coordinates at its own proportions, edge tiles unstretched', async () => {
      const { page, tiles, tileAnswers, pageErrors } = await view(viewer, pixelImageId);
      expect(pageErrors).toEqual([]);
      expect(tiles.failed).toBe(0);
      expect(tiles.loaded).toBeGreaterThanOrEqual(4);
      expect(tileAnswers.map(({ status }) => status)).toEqual(tileAnswers.map(() => 200));
      const shown = await imageBox(page);
      const { sizeX, sizeY } = (await request(app.getHttpServer()).get(`/api/images/${pixelImageId}/info/metadata`)).body;
      expect(shown.width / shown.height).toBeCloseTo(sizeX / sizeY, 1);
      // What the map shows, shrunk to a coarse grid, is the API's own thumbnail of the image. Stretched edge
      // tiles move the image's right and bottom parts: the mean difference was 29 (Leaflet) and 4.7
      // (OpenLayers, whose layer extent clips them), against 2.2 and 2.3 with the tiles drawn at their size.
      const grid = { width: 44, height: 32 };
      const onScreen = await sharp(shown.screenshot).extract(shown).resize(grid.width, grid.height, { fit: 'fill' }).removeAlpha().raw().toBuffer();
      const thumbnail = (await getBinary(app, `/api/images/${pixelImageId}/data/thumbnail.png?max_width=440&max_height=320`)).body as Buffer;
      const expected = await sharp(thumbnail).resize(grid.width, grid.height, { fit: 'fill' }).flatten({ background: '#ffffff' }).removeAlpha().raw().toBuffer();
      expect(meanAbsoluteDifference(onScreen, expected)).toBeLessThan(3.5);
      await page.close();
    });
  });

  it('answers with the reason when the page names no image or one that does not exist', async () => {
    for (const query of ['', '?id=999999']) {
      const page = await browser.newPage({ viewport: VIEWPORT });
      await page.goto(`${origin}/viewers/leaflet.html${query}`);
      await page.waitForFunction(() => (globalThis as unknown as { viewerError?: string }).viewerError !== undefined, undefined, { timeout: 10_000 });
      expect(await page.textContent('#status')).toMatch(query ? /does not exist/ : /open this page with \?id=/);
      await page.close();
    }
  });

  it('serves the viewer libraries from the demo itself', async () => {
    for (const file of ['/vendor/leaflet/leaflet.js', '/vendor/leaflet/leaflet.css', '/vendor/ol/ol.js', '/vendor/ol/ol.css']) {
      const answer = await request(app.getHttpServer()).get(file);
      expect(answer.status).toBe(200);
    }
  });
});

/** The screenshot of the map without its controls, and the box, in it, of everything that is not background. */
async function imageBox(page: Page): Promise<{ left: number; top: number; width: number; height: number; screenshot: Buffer }> {
  await page.addStyleTag({ content: '.leaflet-control-container, .ol-overlaycontainer-stopevent { display: none; }' });
  const screenshot = await page.locator('#map').screenshot();
  const { data, info } = await sharp(screenshot).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let [left, top, right, bottom] = [info.width, info.height, -1, -1];
  // Not the outermost pixels: the status line's border can fall on the map's first row.
  for (let y = EDGE; y < info.height - EDGE; y++) {
    for (let x = EDGE; x < info.width - EDGE; x++) {
      const at = (y * info.width + x) * 3;
      if (data[at] >= WHITE && data[at + 1] >= WHITE && data[at + 2] >= WHITE) continue;
      [left, top, right, bottom] = [Math.min(left, x), Math.min(top, y), Math.max(right, x), Math.max(bottom, y)];
    }
  }
  return { left, top, width: right - left + 1, height: bottom - top + 1, screenshot };
}

function meanAbsoluteDifference(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / a.length;
}
