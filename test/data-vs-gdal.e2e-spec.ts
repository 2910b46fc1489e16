import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { fromArrayBuffer } from 'geotiff';
import { createTestApp, TestApp } from './support/large-image-test-app';
import { DATA_FIXTURES, FIXTURES_DIR, loadDataReference } from './support/fixtures';
import { HAS_GDAL, gdalinfo } from './support/gdal';
import { getBinary } from './support/http';

/** Relative closeness for means and standard deviations (the issue asks for 1e-6). */
function expectClose(actual: number, expected: number, relative = 1e-6) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.max(1, Math.abs(expected)));
}

async function readTiff(bytes: Buffer) {
  const tiff = await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const image = await tiff.getImage();
  const values = (await image.readRasters({ interleave: true })) as unknown as ArrayLike<number>;
  return { image, values, width: image.getWidth(), height: image.getHeight(), bands: image.getSamplesPerPixel() };
}

/** The internal mask of a TIFF (the IFD GDAL writes after the image's) as 0 (no data) and 1, or undefined. */
async function readInternalMask(bytes: Buffer): Promise<number[] | undefined> {
  const tiff = await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  for (let index = 1; index < (await tiff.getImageCount()); index++) {
    const image = await tiff.getImage(index);
    const subfileType = Number(image.fileDirectory.getValue('NewSubfileType') ?? 0);
    if ((subfileType & 4) === 0 || image.fileDirectory.getValue('PhotometricInterpretation') !== 4) continue;
    const [values] = (await image.readRasters()) as unknown as ArrayLike<number>[];
    return Array.from(values, (value) => (value === 0 ? 0 : 1));
  }
  return undefined;
}

describe.each(DATA_FIXTURES)('%s: data routes agree with GDAL and numpy', (fixture) => {
  const reference = loadDataReference(fixture);
  let testApp: TestApp;
  let id: number;
  const get = (route: string) => request(testApp.app.getHttpServer()).get(`/api/images/${id}/${route}`);

  beforeAll(async () => {
    testApp = await createTestApp();
    id = await testApp.addImage(fixture);
  });
  afterAll(() => testApp.app.close());

  it.each(reference.frames.map((frame, index) => [index, frame] as const))(
    'frame %i: info/bands statistics equal numpy over the valid pixels at full resolution',
    async (frame, expected) => {
      const { status, body } = await get(`info/bands?frame=${frame}`);
      expect(status).toBe(200);
      expected.bands.forEach((band, index) => {
        const ours = body[index + 1];
        expect([ours.min, ours.max]).toEqual([band.min, band.max]);
        expectClose(ours.mean, band.mean);
        expectClose(ours.stdev, band.stdev);
      });
    },
  );

  it.each(reference.frames.map((frame, index) => [index, frame] as const))(
    'frame %i: histogram counts equal numpy.histogram for the default and a custom range',
    async (frame, expected) => {
      const histogram = await get(`data/histogram?frame=${frame}`);
      expect(histogram.status).toBe(200);
      expected.bands.forEach((band, index) => {
        const ours = histogram.body[index];
        expect(ours.hist).toEqual(band.histogram.hist);
        expect(ours.bin_edges.length).toBe(257);
        ours.bin_edges.forEach((edge: number, i: number) => expectClose(edge, band.histogram.bin_edges[i], 1e-12));
        expect(ours.samples).toBe(band.samples);
        expect([ours.min, ours.max]).toEqual([band.min, band.max]);
      });
      // One custom range for every band is the API; compare each band's own custom range separately.
      for (const [index, band] of expected.bands.entries()) {
        const { range, hist } = band.customHistogram;
        const custom = await get(`data/histogram?frame=${frame}&bins=10&range=${range[0]},${range[1]}`);
        expect(custom.status).toBe(200);
        expect(custom.body[index].hist).toEqual(hist);
      }
    },
  );

  it('pixel values equal gdallocationinfo at 20 points, by pixel and by lon/lat', async () => {
    for (const point of reference.points) {
      const byPixel = await get(`data/pixel?left=${point.pixel[0]}&top=${point.pixel[1]}`);
      expect(byPixel.status).toBe(200);
      expect(Object.values(byPixel.body.bands)).toEqual(point.values);
      if (point.lonlat && point.lonlatValues) {
        const byLonLat = await get(`data/pixel?left=${point.lonlat[0]}&top=${point.lonlat[1]}&units=EPSG:4326`);
        expect(byLonLat.status).toBe(200);
        expect(Object.values(byLonLat.body.bands)).toEqual(point.lonlatValues);
      }
    }
  });

  it.each(reference.regions.map((region) => [region.units, region] as const))(
    'region.tif in %s: a GeoTIFF with gdal_translate\'s window, georeferencing and pixel values',
    async (_units, region) => {
      const url = `data/region.tif?left=${region.left}&top=${region.top}&right=${region.right}&bottom=${region.bottom}&units=${region.units}`;
      const response = await getBinary(testApp.app, `/api/images/${id}/${url}`);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('image/tiff');
      const ours = await readTiff(response.body as Buffer);
      const gdal = await readTiff(await fs.readFile(path.join(FIXTURES_DIR, region.file)));
      expect([ours.width, ours.height, ours.bands]).toEqual([gdal.width, gdal.height, gdal.bands]);
      expect(Array.from(ours.values)).toEqual(Array.from(gdal.values));
      // gdal_translate copies an internal mask as one; so do we.
      const gdalMask = await readInternalMask(await fs.readFile(path.join(FIXTURES_DIR, region.file)));
      expect(await readInternalMask(response.body as Buffer)).toEqual(gdalMask);
      if (!HAS_GDAL) return console.warn('gdalinfo is not installed: the GDAL read-back of the region is skipped');
      const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'region-')), 'region.tif');
      await fs.writeFile(file, response.body as Buffer);
      const oursInfo = gdalinfo(file);
      const gdalInfo = gdalinfo(path.join(FIXTURES_DIR, region.file));
      await fs.rm(path.dirname(file), { recursive: true });
      expect(oursInfo.size).toEqual(gdalInfo.size);
      expect(oursInfo.stac?.['proj:epsg']).toEqual(gdalInfo.stac?.['proj:epsg']);
      if (gdalInfo.geoTransform) {
        // Within half a pixel of gdal_translate's bounds (here: equal, since the windows are the same).
        const pixel = Math.abs(gdalInfo.geoTransform[1]);
        oursInfo.geoTransform!.forEach((value, i) => expect(Math.abs(value - gdalInfo.geoTransform![i])).toBeLessThanOrEqual(i % 3 === 0 ? pixel / 2 : 1e-9));
      }
      expect(oursInfo.bands.map((band) => band.type)).toEqual(gdalInfo.bands.map((band) => band.type));
      expect(oursInfo.bands[0].noDataValue).toEqual(gdalInfo.bands[0].noDataValue);
      expect(oursInfo.bands.map((band) => band.mask?.flags)).toEqual(gdalInfo.bands.map((band) => band.mask?.flags));
      expect(oursInfo.metadata?.IMAGE_STRUCTURE?.COMPRESSION).toBe('DEFLATE');
    },
  );
});
