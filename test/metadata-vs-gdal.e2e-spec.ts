import request from 'supertest';
import { createTestApp, TestApp } from './support/large-image-test-app';
import { loadGdalInfo, loadManifest } from './support/fixtures';

const GDAL_TYPES: Record<string, string> = {
  Byte: 'uint8',
  Int8: 'int8',
  UInt16: 'uint16',
  Int16: 'int16',
  UInt32: 'uint32',
  Int32: 'int32',
  Float32: 'float32',
  Float64: 'float64',
};
const manifest = loadManifest();
const FIXTURES = [...Object.keys(manifest.fixtures), 'pyramid-nongeo.tif'];

describe('metadata agrees with gdalinfo', () => {
  let testApp: TestApp;
  const ids = new Map<string, number>();
  const get = (path: string) => request(testApp.app.getHttpServer()).get(path);

  beforeAll(async () => {
    testApp = await createTestApp();
    for (const fixture of FIXTURES) ids.set(fixture, await testApp.addImage(fixture));
  });
  afterAll(() => testApp.app.close());

  describe.each(FIXTURES)('%s', (fixture) => {
    const gdal = loadGdalInfo(fixture);

    it('native pixel space: size, bands, dtype, large_image levels and EPSG:4326 bounds', async () => {
      const { status, body } = await get(`/api/images/${ids.get(fixture)}/info/metadata`);
      expect(status).toBe(200);
      expect([body.sizeX, body.sizeY]).toEqual(gdal.size);
      expect(body.bandCount).toBe(gdal.bands.length);
      expect(body.dtype).toBe(GDAL_TYPES[gdal.bands[0].type]);
      expect(body.levels).toBe(Math.ceil(Math.log2(Math.max(...gdal.size) / 256)) + 1);
      expect([body.tileWidth, body.tileHeight]).toEqual([256, 256]);
      expect(body.frames).toBe(false);
      expect(body.sourceLevels).toBe(1 + (gdal.bands[0].overviews?.length ?? 0));
      if (!gdal.wgs84Extent) {
        expect(body.geospatial).toBe(false);
        expect(body.bounds).toBeUndefined();
        return;
      }
      expect(body.geospatial).toBe(true);
      const ring = gdal.wgs84Extent.coordinates[0];
      const lons = ring.map((point) => point[0]);
      const lats = ring.map((point) => point[1]);
      expect(body.bounds.xmin).toBeCloseTo(Math.min(...lons), 7);
      expect(body.bounds.xmax).toBeCloseTo(Math.max(...lons), 7);
      expect(body.bounds.ymin).toBeCloseTo(Math.min(...lats), 7);
      expect(body.bounds.ymax).toBeCloseTo(Math.max(...lats), 7);
    });

    it('EPSG:3857: square world pyramid whose deepest level reaches the native resolution', async () => {
      const { status, body } = await get(`/api/images/${ids.get(fixture)}/info/metadata?projection=EPSG:3857`);
      if (!gdal.wgs84Extent) {
        expect(status).toBe(400);
        expect(body.message).toMatch(/not georeferenced/);
        return;
      }
      expect(status).toBe(200);
      expect(body.geospatial).toBe(true);
      expect(body.projection).toBe('EPSG:3857');
      expect(body.levels).toBe(manifest.fixtures[fixture].levels3857);
      expect(body.sizeX).toBe(body.sizeY);
      expect(body.sizeX).toBe(256 * 2 ** (body.levels - 1));
      expect(body.tileWidth).toBe(body.tileHeight);
      expect([body.sourceSizeX, body.sourceSizeY]).toEqual(gdal.size);
    });

    it('tiles/metadata summarises the pyramid as django-large-image does', async () => {
      const { status, body } = await get(`/api/images/${ids.get(fixture)}/tiles/metadata`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ size_x: gdal.size[0], size_y: gdal.size[1], tile_size: 256, frames: false });
      expect(body.levels).toBe(body.additional_metadata.levels);
      expect(body.additional_metadata.tileWidth).toBe(body.additional_metadata.tileHeight);
    });
  });
});
