import sharp from 'sharp';
import path from 'node:path';
import { LargeImageService } from 'nest-large-image';
import { mercatorTileSampling } from '../../libs/nest-large-image/src/geo/tile-coordinates';
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
      const { coords } = mercatorTileSampling(raster, tile.z, tile.x, tile.y, 256);
      return (i: number) => onSourcePixelEdge(coords, i);
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
          const raster = await testApp.app.get(LargeImageService).engine.open(reference(tile.fixture));
          const [[min, max]] = await raster.bandRanges();
          // RGB fixtures are shown as they are; one-band data is stretched from [min, max] to grey.
          const shown = (value: number) => (gdal.bands >= 3 ? value : Math.max(0, Math.min(255, Math.round(((value - min) * 255) / (max - min)))));
          const result = compareTiles(png, gdal, {
            valueAt: (decoded, i, b) => (decoded === png ? decoded.values[i * 4 + b] : shown(decoded.values[i * decoded.bands + b])),
            onPixelEdge: await pixelEdgeTest(tile),
          });
          expect(result.equal / result.total).toBeGreaterThanOrEqual(0.995);
          expect(result.unexplainedMismatches).toBe(0);
        });
      },
    );
  });
}
