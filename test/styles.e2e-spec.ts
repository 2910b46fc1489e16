/**
 * Styles do what they say: the rendered PNGs are decoded with sharp and their colours are compared with
 * the native values data/pixel reports, under large_image's rules (_applyStyle).
 */
import { createTestApp, TestApp } from './support/large-image-test-app';
import { getImage, getJson, hexColor, rgbaPixels } from './support/images';

type Rgba = [number, number, number, number];

const VIRIDIS_0 = hexColor('#440154');
const VIRIDIS_1 = hexColor('#fde725');

describe('styles change the rendered colours as large_image does', () => {
  let testApp: TestApp;
  const ids: Record<string, number> = {};
  const url = (fixture: string, route: string) => `/api/images/${ids[fixture]}/${route}`;
  const json = (fixture: string, route: string) => getJson(testApp.app, url(fixture, route));

  /** Decoded RGBA pixels of a 200 PNG. */
  async function renderedPixels(fixture: string, route: string) {
    const response = await getImage(testApp.app, url(fixture, route));
    expect({ route, status: response.status, type: response.type }).toEqual({ route, status: 200, type: 'image/png' });
    return rgbaPixels(response.body);
  }

  /** The native value of band 1 at pixel (x, y), from data/pixel. */
  async function nativeValue(fixture: string, x: number, y: number): Promise<number> {
    const { status, body } = await json(fixture, `data/pixel?left=${x}&top=${y}`);
    expect(status).toBe(200);
    return body.bands[1];
  }

  /** Pixel positions every `step` pixels inside a width x height tile. */
  function grid(width: number, height: number, step: number): Array<[number, number]> {
    const points: Array<[number, number]> = [];
    for (let y = step / 2; y < height; y += step) for (let x = step / 2; x < width; x += step) points.push([x, y]);
    return points;
  }

  const style = (value: object) => `style=${encodeURIComponent(JSON.stringify(value))}`;

  beforeAll(async () => {
    testApp = await createTestApp();
    for (const fixture of ['palette-4326.tif', 'int16-nodata.tif', 'float32-4326-nodata.tif', 'rgb-utm-deflate.tif', 'multiframe-4326.tif']) {
      ids[fixture] = await testApp.addImage(fixture);
    }
  });
  afterAll(() => testApp.app.close());

  describe('default style of a palette image', () => {
    it('shows the colour table colours: each opaque pixel is a table colour, at least 3 are used, each the colour of its value', async () => {
      const fixture = 'palette-4326.tif';
      const band = await json(fixture, 'info/band?band=1');
      expect(band.status).toBe(200);
      const table: Rgba[] = band.body.colortable;
      expect(table.length).toBeGreaterThan(0);
      const tableKeys = new Set(table.map((colour) => colour.slice(0, 3).join(',')));

      const levels = (await json(fixture, 'info/metadata')).body.levels;
      const tile = await renderedPixels(fixture, `tiles/${levels - 1}/0/0.png`);
      expect([tile.width, tile.height]).toEqual([256, 256]);
      const used = new Set<string>();
      const strangers = new Set<string>();
      let transparent = 0;
      for (let y = 0; y < tile.height; y++) {
        for (let x = 0; x < tile.width; x++) {
          const [r, g, b, a] = tile.at(x, y);
          if (a !== 255) {
            transparent++;
            continue;
          }
          const key = `${r},${g},${b}`;
          (tableKeys.has(key) ? used : strangers).add(key);
        }
      }
      expect([...strangers]).toEqual([]);
      expect(transparent).toBe(0);
      expect(used.size).toBeGreaterThanOrEqual(3);

      for (const [x, y] of grid(256, 256, 32)) {
        const value = await nativeValue(fixture, x, y);
        expect({ x, y, value, colour: tile.at(x, y).slice(0, 3) }).toEqual({ x, y, value, colour: table[value].slice(0, 3) });
      }
    });
  });

  describe('viridis with min and max on a single-band image with nodata', () => {
    it.each([
      ['int16-nodata.tif', 500, 1500],
      ['float32-4326-nodata.tif', -50, 50],
    ])('%s (min %d, max %d): values <= min are #440154, >= max #fde725, nodata transparent', async (fixture, min, max) => {
      const nodata = (await json(fixture, 'info/band?band=1')).body.nodata;
      expect(typeof nodata).toBe('number');
      const levels = (await json(fixture, 'info/metadata')).body.levels;
      const counts = { low: 0, high: 0, nodata: 0, between: 0 };
      for (const [tx, ty] of [[0, 0], [1, 1]]) {
        const tile = await renderedPixels(fixture, `tiles/${levels - 1}/${tx}/${ty}.png?band=1&palette=viridis&min=${min}&max=${max}`);
        for (const [x, y] of grid(tile.width, tile.height, 16)) {
          const value = await nativeValue(fixture, tx * 256 + x, ty * 256 + y);
          const [r, g, b, a] = tile.at(x, y);
          const where = { x: tx * 256 + x, y: ty * 256 + y, value };
          if (value === nodata) {
            counts.nodata++;
            expect({ ...where, alpha: a }).toEqual({ ...where, alpha: 0 });
          } else if (value <= min) {
            counts.low++;
            expect({ ...where, colour: [r, g, b, a] }).toEqual({ ...where, colour: [...VIRIDIS_0, 255] });
          } else if (value >= max) {
            counts.high++;
            expect({ ...where, colour: [r, g, b, a] }).toEqual({ ...where, colour: [...VIRIDIS_1, 255] });
          } else {
            counts.between++;
            expect({ ...where, alpha: a }).toEqual({ ...where, alpha: 255 });
          }
        }
      }
      // The sample must have exercised every case, or the test proves nothing.
      for (const [name, count] of Object.entries(counts)) expect({ name, sampled: count > 0 }).toEqual({ name, sampled: true });
    });
  });

  describe('histogram thresholds (min:<fraction>, max:<fraction>)', () => {
    /** large_image's histogramThreshold over a data/histogram band. */
    function threshold(band: { hist: number[]; bin_edges: number[]; min: number; max: number }, fraction: number, fromMax: boolean): number {
      const hist = fromMax ? [...band.hist].reverse() : band.hist;
      const edges = fromMax ? [...band.bin_edges].reverse() : band.bin_edges;
      const samples = hist.reduce((sum, count) => sum + count, 0);
      let tally = 0;
      for (let i = 0; i < hist.length; i++) {
        if (tally + hist[i] > fraction * samples) return i === 0 ? (fromMax ? band.max : band.min) : edges[i];
        tally += hist[i];
      }
      return edges[edges.length - 1];
    }

    it.each(['int16-nodata.tif', 'float32-4326-nodata.tif'])('%s: min:0.1 and max:0.1 render as the limits they stand for', async (fixture) => {
      const [band] = (await json(fixture, 'data/histogram?bins=256&analysis_size=1024')).body;
      const [low, high] = [threshold(band, 0.1, false), threshold(band, 0.1, true)];
      expect(low).toBeGreaterThan(band.min);
      expect(high).toBeLessThan(band.max);
      const levels = (await json(fixture, 'info/metadata')).body.levels;
      const thresholded = await getImage(testApp.app, url(fixture, `tiles/${levels - 1}/0/0.png?band=1&palette=viridis&min=min:0.1&max=max:0.1`));
      const explicit = await getImage(testApp.app, url(fixture, `tiles/${levels - 1}/0/0.png?band=1&palette=viridis&min=${low}&max=${high}`));
      const stretched = await getImage(testApp.app, url(fixture, `tiles/${levels - 1}/0/0.png?band=1&palette=viridis&min=min&max=max`));
      expect(thresholded.status).toBe(200);
      expect(thresholded.body.equals(explicit.body)).toBe(true);
      expect(thresholded.body.equals(stretched.body)).toBe(false);
    });
  });

  describe('simple palettes', () => {
    const fixture = 'rgb-utm-deflate.tif';

    it('palette=red (one colour) ramps from black: red = the band value, green = blue = 0', async () => {
      const levels = (await json(fixture, 'info/metadata')).body.levels;
      const tile = await renderedPixels(fixture, `tiles/${levels - 1}/1/1.png?band=1&palette=red&min=0&max=255`);
      for (let y = 0; y < tile.height; y++) {
        for (let x = 0; x < tile.width; x++) {
          const [, g, b, a] = tile.at(x, y);
          if (g !== 0 || b !== 0 || a !== 255) throw new Error(`pixel ${x},${y} is ${tile.at(x, y)}, not a shade of red`);
        }
      }
      for (const [x, y] of grid(256, 256, 32)) {
        const value = await nativeValue(fixture, 256 + x, 256 + y);
        expect(Math.abs(tile.at(x, y)[0] - value)).toBeLessThanOrEqual(1);
      }
    });

    it('scheme=discrete with two colours gives only those colours, split at the middle of min..max', async () => {
      const levels = (await json(fixture, 'info/metadata')).body.levels;
      const query = style({ bands: [{ band: 1, palette: ['#ff0000', '#0000ff'], scheme: 'discrete', min: 0, max: 255 }] });
      const tile = await renderedPixels(fixture, `tiles/${levels - 1}/1/1.png?${query}`);
      const colours = new Set<string>();
      for (let y = 0; y < tile.height; y++) for (let x = 0; x < tile.width; x++) colours.add(tile.at(x, y).join(','));
      expect([...colours].sort()).toEqual(['0,0,255,255', '255,0,0,255']);
      // large_image: palette[floor((v - min) / (max - min) * 2)], so 0..127 → first colour, 128..255 → second.
      for (const [x, y] of grid(256, 256, 32)) {
        const value = await nativeValue(fixture, 256 + x, 256 + y);
        const expected = value < 127.5 ? '255,0,0,255' : '0,0,255,255';
        expect({ x, y, value, colour: tile.at(x, y).join(',') }).toEqual({ x, y, value, colour: expected });
      }
    });

    it('the simple parameters with scheme=discrete and one colour give only black and that colour', async () => {
      // A native tile: thumbnails are resampled after styling (in large_image too), which blends colours.
      const levels = (await json(fixture, 'info/metadata')).body.levels;
      const tile = await renderedPixels(fixture, `tiles/${levels - 1}/1/1.png?band=1&palette=%2300ff00&scheme=discrete&min=0&max=255`);
      const colours = new Set<string>();
      for (let y = 0; y < tile.height; y++) for (let x = 0; x < tile.width; x++) colours.add(tile.at(x, y).join(','));
      expect([...colours].sort()).toEqual(['0,0,0,255', '0,255,0,255']);
    });
  });

  describe('frames of a multi-frame image', () => {
    const fixture = 'multiframe-4326.tif';
    const fixedRange = { min: -15, max: 20 };

    it('tiles/0/0/0.png?frame=1 differs from frame 0', async () => {
      const frame0 = await renderedPixels(fixture, 'tiles/0/0/0.png?frame=0');
      const frame1 = await renderedPixels(fixture, 'tiles/0/0/0.png?frame=1');
      expect([frame1.width, frame1.height]).toEqual([frame0.width, frame0.height]);
      expect(Buffer.compare(frame0.data, frame1.data)).not.toBe(0);
      const unstyled = await renderedPixels(fixture, 'tiles/0/0/0.png');
      expect(Buffer.compare(frame0.data, unstyled.data)).toBe(0);
    });

    it('frame=3 (past the last frame) is a 400 naming the frame', async () => {
      const response = await json(fixture, 'tiles/0/0/0.png?frame=3');
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(/frame/);
    });

    it('a style band entry with "frame": 2 renders frame 2, as ?frame=2 does', async () => {
      const byStyle = await renderedPixels(fixture, `tiles/0/0/0.png?${style({ bands: [{ band: 1, frame: 2, ...fixedRange }] })}`);
      const byQuery = await renderedPixels(fixture, `tiles/0/0/0.png?frame=2&${style({ bands: [{ band: 1, ...fixedRange }] })}`);
      const frame0 = await renderedPixels(fixture, `tiles/0/0/0.png?frame=0&${style({ bands: [{ band: 1, ...fixedRange }] })}`);
      expect(Buffer.compare(byStyle.data, byQuery.data)).toBe(0);
      expect(Buffer.compare(byStyle.data, frame0.data)).not.toBe(0);
    });
  });
});
