import sharp from 'sharp';
import path from 'node:path';
import { LargeImageService } from 'nest-large-image';
import type { Raster, RasterSource } from 'nest-large-image';
import { gridSampling } from '../../libs/nest-large-image/src/core/grid-sampling';
import { pyramidFor, tileGrid } from '../../libs/nest-large-image/src/core/pyramid';
import type { TestApp } from './large-image-test-app';
import { FIXTURES_DIR, loadManifest, ReferenceTile } from './fixtures';
import { getBinary } from './http';
import { compareTiles, DecodedTile, onSourcePixelEdge, readReferenceTile } from './tile-comparison';

const manifest = loadManifest();

/** Decodes a PNG answer into RGBA values (bands = 4, alpha is channel 3). */
async function decodePng(body: Buffer): Promise<DecodedTile> {
  const { data, info } = await sharp(body).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const alpha = new Uint8Array(info.width * info.height);
  for (let i = 0; i < alpha.length; i++) alpha[i] = data[i * 4 + 3];
  return { width: info.width, height: info.height, bands: 4, values: data, alpha };
}

/** A gdalwarp reference tile as the engine's native values: its bands, and its alpha as the file's alpha band if it has one. */
function asRaster(gdal: DecodedTile, raster: RasterSource): Raster {
  const bands = raster.bandCount;
  const pixels = gdal.width * gdal.height;
  const values = new Float64Array(pixels * bands);
  const alpha = new Uint8Array(pixels);
  for (let i = 0; i < pixels; i++) {
    for (let b = 0; b < gdal.bands; b++) values[i * bands + b] = gdal.values[i * gdal.bands + b];
    if (raster.alphaBand !== null) values[i * bands + raster.alphaBand] = gdal.alpha[i];
    alpha[i] = gdal.alpha[i] === 0 ? 0 : raster.alphaBand !== null ? gdal.alpha[i] : 255;
  }
  return { width: gdal.width, height: gdal.height, bands, values, alpha };
}

/**
 * Runs the EPSG:3857 tile comparisons against gdalwarp for one way of reaching the fixtures.
 * `createApp` builds the app; `reference(fixture)` is the file reference stored in the record.
 */
export function describeTilesAgreeWithGdal(label: string, createApp: () => Promise<TestApp>, reference: (fixture: string) => string): void {
  describe(`EPSG:3857 tiles agree with gdalwarp -r near (${label})`, () => {
    let testApp: TestApp;
    const ids = new Map<string, number>();

    beforeAll(async () => {
      testApp = await createApp();
      for (const fixture of Object.keys(manifest.fixtures)) ids.set(fixture, await testApp.addImage(reference(fixture)));
    });
    afterAll(() => testApp.app.close());

    /** Our sampling coordinates, to tell a rounding difference on a source pixel edge from a real error. */
    async function pixelEdgeTest(tile: ReferenceTile) {
      const engine = testApp.app.get(LargeImageService).engine;
      const raster = await engine.open(reference(tile.fixture));
      const grid = tileGrid(raster, pyramidFor(raster, 'EPSG:3857', 256), tile.z, tile.x, tile.y);
      const { coordinates } = gridSampling(raster, raster.levels, grid, true);
      return (i: number) => onSourcePixelEdge(coordinates!, i);
    }

    describe.each(manifest.tiles.map((tile) => [`${tile.fixture} ${tile.kind} ${tile.z}/${tile.x}/${tile.y}`, tile] as const))(
      '%s',
      (_name, tile) => {
        it('native values and no-data mask match pixel for pixel (core)', async () => {
          const engine = testApp.app.get(LargeImageService).engine;
          const raster = await engine.open(reference(tile.fixture));
          const ours = await engine.tileRaster(raster, { z: tile.z, x: tile.x, y: tile.y, projection: 'EPSG:3857' });
          const gdal = await readReferenceTile(path.join(FIXTURES_DIR, tile.file));
          expect(ours).toBeDefined();
          const result = compareTiles(ours!, gdal, { onPixelEdge: await pixelEdgeTest(tile) });
          expect(result.equal / result.total).toBeGreaterThanOrEqual(0.995);
          expect(result.unexplainedMismatches).toBe(0);
        });

        it('the PNG served over HTTP shows those pixels', async () => {
          const response = await getBinary(
            testApp.app,
            `/api/images/${ids.get(tile.fixture)}/tiles/${tile.z}/${tile.x}/${tile.y}.png?projection=EPSG:3857`,
          );
          expect(response.status).toBe(200);
          expect(response.headers['content-type']).toBe('image/png');
          const png = await decodePng(response.body as Buffer);
          expect([png.width, png.height]).toEqual([256, 256]);
          const gdal = await readReferenceTile(path.join(FIXTURES_DIR, tile.file));
          const engine = testApp.app.get(LargeImageService).engine;
          const raster = await engine.open(reference(tile.fixture));
          // What the PNG must show: GDAL's pixels through the same styling as every image route.
          const grid = tileGrid(raster, pyramidFor(raster, 'EPSG:3857', 256), tile.z, tile.x, tile.y);
          const styled = await engine.styler(raster, {})(asRaster(gdal, raster), grid);
          const expected = { width: 256, height: 256, bands: 4, values: styled, alpha: gdal.alpha };
          const result = compareTiles(png, expected, { onPixelEdge: await pixelEdgeTest(tile) });
          expect(result.equal / result.total).toBeGreaterThanOrEqual(0.995);
          expect(result.unexplainedMismatches).toBe(0);
        });
      },
    );
  });
}
