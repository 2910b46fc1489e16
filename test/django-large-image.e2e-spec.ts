/**
 * django-large-image 0.10's own tests (project/example/core/tests/test_*.py), ported to our fixtures:
 * rgb-utm-deflate.tif stands in for their rgb_geotiff.tiff, pyramid-nongeo.tif for their non-geo JPEG and
 * multiframe-4326.tif for their OME-TIFF. Where their test only checks a status, we also check the value.
 */
import sharp from 'sharp';
import { fitWithin } from '../libs/nest-large-image/src/core/output-size';
import { createTestApp, TestApp } from './support/large-image-test-app';
import { loadGdalInfo, loadManifest } from './support/fixtures';
import {
  SHARP_FORMAT_OF_MIME,
  decodedFormat,
  getImage,
  getJson,
  mercatorTileBounds,
  pixelTileCorners,
  readGeoTiff,
} from './support/images';

const GEO = 'rgb-utm-deflate.tif';
const PLAIN = 'pyramid-nongeo.tif';
const MULTI = 'multiframe-4326.tif';
const THUMBNAIL_FIXTURES = [GEO, PLAIN, 'palette-4326.tif', 'int16-nodata.tif', 'uint16-4band.tif', MULTI, 'rgb-strips-27700.tif'];

describe('django-large-image 0.10 test expectations', () => {
  let testApp: TestApp;
  const ids: Record<string, number> = {};
  /** extension → MIME type, as /api/large-image/formats advertises them. */
  let formats: Record<string, string>;

  const url = (fixture: string, route: string) => `/api/images/${ids[fixture]}/${route}`;
  const json = (fixture: string, route: string) => getJson(testApp.app, url(fixture, route));
  const image = (fixture: string, route: string) => getImage(testApp.app, url(fixture, route));

  /** Requests `route(format)` for every advertised format; each must be a 200 of that format's MIME type and real bytes. */
  async function expectEveryFormat(fixture: string, route: (format: string) => string, size?: [number, number]) {
    expect(Object.keys(formats).length).toBeGreaterThan(0);
    for (const [format, mime] of Object.entries(formats)) {
      const response = await image(fixture, route(format));
      const decoded = response.status === 200 ? await decodedFormat(response.body) : undefined;
      expect({ format, status: response.status, type: response.type, decodedAs: decoded?.format }).toEqual({
        format,
        status: 200,
        type: mime,
        decodedAs: SHARP_FORMAT_OF_MIME[mime],
      });
      if (size) expect({ format, size: [decoded!.width, decoded!.height] }).toEqual({ format, size });
    }
  }

  /** A 4xx JSON error whose message matches. */
  function expectClientError(response: { status: number; body: { message?: unknown }; type: string }, message?: RegExp) {
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.type).toMatch(/application\/json/);
    expect(typeof response.body.message).toBe('string');
    if (message) expect(response.body.message).toMatch(message);
  }

  beforeAll(async () => {
    testApp = await createTestApp();
    for (const fixture of new Set([...THUMBNAIL_FIXTURES, 'float32-4326-nodata.tif', 'not-a-tiff.tif', 'truncated.tif'])) {
      ids[fixture] = await testApp.addImage(fixture);
    }
    formats = (await getJson(testApp.app, '/api/large-image/formats')).body;
  });
  afterAll(() => testApp.app.close());

  describe('info/metadata (test_metadata, test_metadata_ome)', () => {
    it('with projection=EPSG:3857 is geospatial, square, with square tiles and the EPSG:3857 level count', async () => {
      const { status, body } = await json(GEO, 'info/metadata?projection=EPSG:3857');
      expect(status).toBe(200);
      expect(body.geospatial).toBe(true);
      expect(body.sizeX).toBe(body.sizeY);
      expect(body.tileWidth).toBe(body.tileHeight);
      expect(body.levels).toBe(loadManifest().fixtures[GEO].levels3857);
      expect(body.sizeX).toBe(2 ** (body.levels - 1) * body.tileWidth);
    });

    it('has EPSG:4326 bounds (|lat| <= 89.9999) matching gdalinfo, with or without a projection, and frames: false', async () => {
      const extent = loadGdalInfo(GEO).wgs84Extent!.coordinates[0];
      const lons = extent.map((point) => point[0]);
      const lats = extent.map((point) => point[1]);
      for (const query of ['', '?projection=EPSG:3857']) {
        const { status, body } = await json(GEO, `info/metadata${query}`);
        expect(status).toBe(200);
        expect(body.frames).toBe(false);
        const { xmin, xmax, ymin, ymax } = body.bounds;
        for (const lat of [ymin, ymax]) expect(Math.abs(lat)).toBeLessThanOrEqual(89.9999);
        expect(xmin).toBeCloseTo(Math.min(...lons), 5);
        expect(xmax).toBeCloseTo(Math.max(...lons), 5);
        expect(ymin).toBeCloseTo(Math.min(...lats), 5);
        expect(ymax).toBeCloseTo(Math.max(...lats), 5);
      }
    });

    it('of the multi-frame file lists its 3 frames, is geospatial, has square tiles, and works with ?source=geotiff', async () => {
      for (const query of ['', '?source=geotiff']) {
        const { status, body } = await json(MULTI, `info/metadata${query}`);
        expect(status).toBe(200);
        expect(Array.isArray(body.frames)).toBe(true);
        expect(body.frames).toHaveLength(3);
        expect(body.geospatial).toBe(true);
        expect(body.tileWidth).toBe(body.tileHeight);
      }
    });

    it('projection=null (DLI\'s null-like value) is the pixel pyramid on every route, as leaving it out is', async () => {
      const plainMetadata = (await json(GEO, 'info/metadata')).body;
      for (const route of ['info/metadata', 'tiles/metadata']) {
        const { status, body } = await json(GEO, `${route}?projection=null`);
        expect({ route, status, levels: body.levels }).toEqual({ route, status: 200, levels: plainMetadata.levels });
      }
      expect((await json(GEO, 'tiles/0/0/0/corners?projection=null')).status).toBe(200);
      expect((await image(GEO, 'tiles/0/0/0.png?projection=null')).status).toBe(200);
    });

    it('of a non-georeferenced image is not geospatial and has no bounds', async () => {
      const { status, body } = await json(PLAIN, 'info/metadata');
      expect(status).toBe(200);
      expect(body.geospatial).toBe(false);
      expect(body.bounds).toBeUndefined();
      expect([body.sizeX, body.sizeY]).toEqual(loadGdalInfo(PLAIN).size);
    });
  });

  describe('other info routes (test_metadata_internal, test_bands, test_band, test_frames, test_tiffdump)', () => {
    it('info/metadata_internal has a driverLongName and geospatial', async () => {
      const { status, body } = await json(GEO, 'info/metadata_internal');
      expect(status).toBe(200);
      expect(body.driverLongName).toBeTruthy();
      expect(body.geospatial).toBe(true);
    });

    it('info/bands is keyed by 1-based band number', async () => {
      const { status, body } = await json(GEO, 'info/bands');
      expect(status).toBe(200);
      expect(Object.keys(body)).toEqual(['1', '2', '3']);
      expect(typeof body[1]).toBe('object');
      expect(body[1].interpretation).toBe('red');
    });

    it('info/band?band=1 has a non-empty interpretation', async () => {
      const { status, body } = await json(GEO, 'info/band?band=1');
      expect(status).toBe(200);
      expect(typeof body.interpretation).toBe('string');
      expect(body.interpretation.length).toBeGreaterThan(0);
    });

    it('info/band?band=99 is a 4xx JSON error naming the band', async () => {
      expectClientError(await json(GEO, 'info/band?band=99'), /99/);
    });

    it('info/frames is {frames: [...]} of objects with bands', async () => {
      const { status, body } = await json(GEO, 'info/frames');
      expect(status).toBe(200);
      expect(Array.isArray(body.frames)).toBe(true);
      expect(body.frames.length).toBeGreaterThan(0);
      for (const frame of body.frames) expect(Array.isArray(frame.bands)).toBe(true);
      expect(body.frames[0].bands.map((band: { name: string }) => band.name)).toEqual(['red', 'green', 'blue']);
    });

    it('info/frames of the multi-frame file lists 3 frames with their bands', async () => {
      const { status, body } = await json(MULTI, 'info/frames');
      expect(status).toBe(200);
      expect(body.frames).toHaveLength(3);
      body.frames.forEach((frame: { bands: Array<{ frame: number }> }, index: number) => {
        expect(frame.bands.length).toBeGreaterThan(0);
        expect(frame.bands[0].frame).toBe(index);
      });
    });

    it('info/tiffdump of a TIFF has firstifd, size and non-empty ifds', async () => {
      const { status, body } = await json(GEO, 'info/tiffdump');
      expect(status).toBe(200);
      expect(typeof body.firstifd).toBe('number');
      expect(body.size).toBeGreaterThan(0);
      expect(Array.isArray(body.ifds)).toBe(true);
      expect(body.ifds.length).toBeGreaterThan(0);
    });

    it('info/tiffdump of a file that is not a TIFF is a 4xx JSON error', async () => {
      expectClientError(await json('not-a-tiff.tif', 'info/tiffdump'), /TIFF/);
    });
  });

  describe('bad sources and bad files (test_bad_source, test_bad_image_data)', () => {
    it('source=foo is a 4xx that lists the valid sources', async () => {
      expectClientError(await json(GEO, 'info/metadata?source=foo'), /foo.*geotiff/);
    });

    it.each([
      ['not-a-tiff.tif', ['info/metadata', 'info/bands', 'tiles/0/0/0.png', 'data/thumbnail.png', 'data/histogram']],
      // A COG cut after its header: its metadata is readable, its pixels are not.
      ['truncated.tif', ['tiles/0/0/0.png', 'data/thumbnail.png', 'data/histogram', 'data/pixel?left=0&top=0']],
    ])('%s gets a 422 JSON error, and the server keeps answering', async (fixture, routes) => {
      for (const route of routes) {
        const response = await json(fixture, route);
        expect({ route, status: response.status }).toEqual({ route, status: 422 });
        expectClientError(response);
      }
      expect((await json(GEO, 'info/metadata')).status).toBe(200);
    });
  });

  describe('tiles (test_tiles.py)', () => {
    it('tiles/1/0/0.{fmt}?projection=EPSG:3857 works in every advertised format, with real image bytes', async () => {
      await expectEveryFormat(GEO, (format) => `tiles/1/0/0.${format}?projection=EPSG:3857`, [256, 256]);
    });

    it('unprojected tiles/100/0/0.png is a 4xx', async () => {
      expectClientError(await json(GEO, 'tiles/100/0/0.png'), /zoom|z=100/);
    });

    it.each([
      [1, 0, 0],
      [1, 1, 1],
      [5, 17, 11],
    ])('tiles/%i/%i/%i/corners?projection=EPSG:3857 are the XYZ tile bounds in metres', async (z, x, y) => {
      const { status, body } = await json(GEO, `tiles/${z}/${x}/${y}/corners?projection=EPSG:3857`);
      expect(status).toBe(200);
      const expected = mercatorTileBounds(z, x, y);
      for (const key of ['xmin', 'xmax', 'ymin', 'ymax'] as const) {
        expect(typeof body[key]).toBe('number');
        expect(Math.abs(body[key] - expected[key])).toBeLessThan(1e-6);
      }
    });

    it.each([
      [GEO, 0, 0, 0],
      [GEO, 1, 1, 1],
      [GEO, 3, 5, 4],
      [PLAIN, 2, 2, 1],
    ])('%s unprojected tiles/%i/%i/%i/corners are base pixels with y from the bottom (getTileCorners)', async (fixture, z, x, y) => {
      const metadata = (await json(fixture, 'info/metadata')).body;
      const { status, body } = await json(fixture, `tiles/${z}/${x}/${y}/corners`);
      expect(status).toBe(200);
      expect(body).toEqual(pixelTileCorners(z, x, y, metadata.levels, metadata.sizeY));
    });

    it('tiles/metadata?projection=EPSG:3857 summarises the pyramid', async () => {
      const { status, body } = await json(GEO, 'tiles/metadata?projection=EPSG:3857');
      expect(status).toBe(200);
      const levels = loadManifest().fixtures[GEO].levels3857;
      expect(body).toMatchObject({ levels, size_x: 2 ** (levels - 1) * 256, size_y: 2 ** (levels - 1) * 256, tile_size: 256, geospatial: true });
      expect(body.additional_metadata.tileWidth).toBe(body.additional_metadata.tileHeight);
    });

    it('non-geospatial tiles/0/0/0.png is a PNG of the whole image', async () => {
      const response = await image(PLAIN, 'tiles/0/0/0.png');
      expect(response.status).toBe(200);
      expect(response.type).toBe('image/png');
      const metadata = (await json(PLAIN, 'info/metadata')).body;
      const scale = 2 ** (metadata.levels - 1);
      expect(await decodedFormat(response.body)).toEqual({
        format: 'png',
        width: Math.ceil(metadata.sizeX / scale),
        height: Math.ceil(metadata.sizeY / scale),
      });
    });

    it('the multi-frame file serves tiles/0/0/0.png with and without ?source=geotiff', async () => {
      for (const query of ['', '?source=geotiff']) {
        const response = await image(MULTI, `tiles/0/0/0.png${query}`);
        expect(response.status).toBe(200);
        expect((await decodedFormat(response.body)).format).toBe('png');
      }
    });
  });

  describe('thumbnails (test_thumbnail, test_thumbnail_max_size)', () => {
    it('data/thumbnail.{fmt}?projection=EPSG:3857 works in every advertised format, with real image bytes', async () => {
      await expectEveryFormat(GEO, (format) => `data/thumbnail.${format}?projection=EPSG:3857`);
    });

    it.each([
      ['png', 'max_width', 'width'],
      ['jpeg', 'max_width', 'width'],
      ['png', 'max_height', 'height'],
      ['jpeg', 'max_height', 'height'],
    ] as const)('thumbnail.%s?%s=100 is exactly 100 on that side (%s), the other by large_image\'s rule', async (format, parameter, side) => {
      const response = await image(GEO, `data/thumbnail.${format}?${parameter}=100`);
      expect(response.status).toBe(200);
      expect(response.type).toBe(`image/${format}`);
      const [width, height] = loadGdalInfo(GEO).size;
      const decoded = await decodedFormat(response.body);
      const expected = side === 'width' ? fitWithin(100, undefined, width, height) : fitWithin(undefined, 100, width, height);
      expect([decoded.width, decoded.height]).toEqual(expected);
      expect(decoded[side]).toBe(100);
    });

    it('large_image\'s size rule truncates: 1500x1100 within 256x256 is 256x187', () => {
      expect(fitWithin(256, 256, 1500, 1100)).toEqual([256, 187]);
    });

    it.each(THUMBNAIL_FIXTURES)('%s: the default thumbnail fits 256x256, limiting side 256, other side by large_image\'s rule', async (fixture) => {
      const [width, height] = loadGdalInfo(fixture).size;
      const response = await image(fixture, 'data/thumbnail.png');
      expect(response.status).toBe(200);
      const decoded = await decodedFormat(response.body);
      expect([decoded.width, decoded.height]).toEqual(fitWithin(256, 256, width, height));
      expect(Math.max(decoded.width!, decoded.height!)).toBe(256);
    });
  });

  describe('regions (test_region_pixel, test_region_pixel_out_of_bounds, test_region_geo)', () => {
    const tenPixels = 'left=0&right=10&top=0&bottom=10&units=pixels';

    it('region.{fmt} of 10x10 world pixels with projection=EPSG:3857 works in every advertised format', async () => {
      await expectEveryFormat(GEO, (format) => `data/region.${format}?projection=EPSG:3857&${tenPixels}`);
    });

    it('unprojected region.{fmt} of 10x10 pixels of a georeferenced image is exactly 10x10 in every format', async () => {
      await expectEveryFormat(GEO, (format) => `data/region.${format}?${tenPixels}`, [10, 10]);
    });

    it('unprojected region.{fmt} of 10x10 pixels of a non-georeferenced image is exactly 10x10 in every format', async () => {
      await expectEveryFormat(PLAIN, (format) => `data/region.${format}?${tenPixels}`, [10, 10]);
    });

    it('negative pixel edges count from the right and bottom: left=-10 is the last 10 columns', async () => {
      const [width, height] = loadGdalInfo(PLAIN).size;
      const lastColumns = await image(PLAIN, `data/region.png?left=-10&top=0&right=${width}&bottom=-${height - 10}&units=pixels`);
      const sameColumns = await image(PLAIN, `data/region.png?left=${width - 10}&top=0&right=${width}&bottom=10&units=pixels`);
      expect(lastColumns.status).toBe(200);
      expect(lastColumns.body.equals(sameColumns.body)).toBe(true);
      expect(await sharp(lastColumns.body).metadata()).toMatchObject({ width: 10, height: 10 });
    });

    it('a region outside the EPSG:3857 world is a 4xx that talks about the bounds', async () => {
      const outside = 'left=10000000&right=20000000&top=10000000&bottom=20000000&units=pixels';
      expectClientError(await json(GEO, `data/region.tif?projection=EPSG:3857&${outside}`), /bounds/i);
      expectClientError(await json(GEO, `data/region.png?projection=EPSG:3857&${outside}`), /bounds/i);
    });

    it.each([GEO, PLAIN])('%s: an unprojected pixel region outside the image is a 4xx that talks about the bounds', async (fixture) => {
      const outside = 'left=5000&right=6000&top=5000&bottom=6000&units=pixels';
      expectClientError(await json(fixture, `data/region.png?${outside}`), /bounds/i);
      expectClientError(await json(fixture, `data/region.tif?${outside}`), /bounds/i);
    });

    /** The middle half of the image's EPSG:4326 bounds, as left/right/top/bottom query parameters. */
    async function middleLonLat(fixture: string) {
      const { xmin, xmax, ymin, ymax } = (await json(fixture, 'info/metadata')).body.bounds;
      const [w, h] = [xmax - xmin, ymax - ymin];
      const box = { left: xmin + w / 4, right: xmax - w / 4, top: ymax - h / 4, bottom: ymin + h / 4 };
      return { box, query: `left=${box.left}&right=${box.right}&top=${box.top}&bottom=${box.bottom}` };
    }

    it.each([
      ['units=EPSG:4326', '&units=EPSG:4326'],
      ['no units (EPSG:4326 is the default)', ''],
      ['projection=EPSG:3857 and units=EPSG:4326', '&projection=EPSG:3857&units=EPSG:4326'],
      ['projection=EPSG:3857 and no units', '&projection=EPSG:3857'],
    ])('region.tif with EPSG:4326 bounds inside the image, %s, is a georeferenced GeoTIFF', async (_name, extra) => {
      const { query } = await middleLonLat(GEO);
      const response = await image(GEO, `data/region.tif?${query}${extra}`);
      expect(response.status).toBe(200);
      expect(response.type).toBe('image/tiff');
      const tiff = await readGeoTiff(response.body);
      expect(tiff.geoKeys).toBeTruthy();
      expect(tiff.geoKeys!.ProjectedCSTypeGeoKey ?? tiff.geoKeys!.GeographicTypeGeoKey).toBeDefined();
      expect(tiff.width).toBeGreaterThan(1);
      expect(tiff.height).toBeGreaterThan(1);
    });

    it('region.tif with default units keeps the native CRS (EPSG:32633) of an unprojected image', async () => {
      const { query } = await middleLonLat(GEO);
      const tiff = await readGeoTiff((await image(GEO, `data/region.tif?${query}`)).body);
      expect(tiff.geoKeys!.ProjectedCSTypeGeoKey).toBe(32633);
    });

    it('region.tif of an EPSG:4326 image covers the requested lon/lat box to within a pixel', async () => {
      const fixture = 'float32-4326-nodata.tif';
      const { box, query } = await middleLonLat(fixture);
      const response = await image(fixture, `data/region.tif?${query}`);
      expect(response.status).toBe(200);
      const tiff = await readGeoTiff(response.body);
      expect(tiff.geoKeys!.GeographicTypeGeoKey).toBe(4326);
      const pixel = Math.abs(loadGdalInfo(fixture).geoTransform![1]);
      const [west, south, east, north] = tiff.boundingBox!;
      for (const [actual, expected] of [[west, box.left], [east, box.right], [north, box.top], [south, box.bottom]]) {
        expect(Math.abs(actual - expected)).toBeLessThanOrEqual(pixel);
      }
    });
  });

  describe('pixel and histogram (test_pixel, test_histogram)', () => {
    it('data/pixel?left=0&top=0 has the native band values', async () => {
      const { status, body } = await json(GEO, 'data/pixel?left=0&top=0');
      expect(status).toBe(200);
      expect(Object.keys(body.bands)).toEqual(['1', '2', '3']);
      for (const value of Object.values(body.bands)) expect(typeof value).toBe('number');
    });

    it.each(['left=100000&top=0', 'left=0&top=100000', 'left=-1&top=0'])('data/pixel?%s outside the image is a 4xx', async (query) => {
      expectClientError(await json(GEO, `data/pixel?${query}`));
    });

    it('data/histogram is a list of per-band objects with 256 bins', async () => {
      const { status, body } = await json(GEO, 'data/histogram');
      expect(status).toBe(200);
      expect(Array.isArray(body)).toBe(true);
      expect(body).toHaveLength(3);
      for (const band of body) {
        expect(band.hist).toHaveLength(256);
        expect(band.bin_edges).toHaveLength(257);
      }
    });

    it('data/histogram?onlyMinMax=true is an object of per-band min, max, mean, stdev', async () => {
      const { status, body } = await json(GEO, 'data/histogram?onlyMinMax=true');
      expect(status).toBe(200);
      expect(Array.isArray(body)).toBe(false);
      expect(body.min).toHaveLength(3);
      expect(body.max).toHaveLength(3);
    });
  });

  describe('style parameters (test_style_parameters, test_style_encoded)', () => {
    it.each([
      'band=1&palette=viridis',
      'band=1&palette=green&scheme=discrete',
      'band=1&min=5&max=100&nodata=0',
      `style=${encodeURIComponent(JSON.stringify({ bands: [{ band: 1, palette: ['#000', '#0f0'] }] }))}`,
    ])('data/thumbnail.png?%s is a PNG', async (query) => {
      const response = await image(GEO, `data/thumbnail.png?${query}`);
      expect(response.status).toBe(200);
      expect(response.type).toBe('image/png');
      expect((await decodedFormat(response.body)).format).toBe('png');
    });

    it('style=foobar is a 4xx JSON error about the style', async () => {
      expectClientError(await json(GEO, 'data/thumbnail.png?style=foobar'), /style/);
    });

    it('an unknown key in the style JSON is a 400 naming the key', async () => {
      const style = encodeURIComponent(JSON.stringify({ bands: [{ band: 1, colour: 'red' }] }));
      const response = await json(GEO, `data/thumbnail.png?style=${style}`);
      expect(response.status).toBe(400);
      expectClientError(response, /colour/);
    });
  });

  describe('module-level routes (test_standalone)', () => {
    it('/api/large-image/sources lists geotiff', async () => {
      const { status, body } = await getJson(testApp.app, '/api/large-image/sources');
      expect(status).toBe(200);
      expect(Object.keys(body)).toContain('geotiff');
    });

    it('/api/large-image/colormaps has a matplotlib list including viridis and a simple list', async () => {
      const { status, body } = await getJson(testApp.app, '/api/large-image/colormaps');
      expect(status).toBe(200);
      expect(body.matplotlib).toEqual(expect.arrayContaining(['viridis']));
      expect(Array.isArray(body.simple)).toBe(true);
      expect(body.simple.length).toBeGreaterThan(0);
    });

    it('/api/large-image/formats maps extensions to image MIME types we can decode', async () => {
      const { status, body } = await getJson(testApp.app, '/api/large-image/formats');
      expect(status).toBe(200);
      expect(body).toMatchObject({ png: 'image/png', jpeg: 'image/jpeg' });
      for (const mime of Object.values(body)) expect(Object.keys(SHARP_FORMAT_OF_MIME)).toContain(mime);
    });
  });
});
