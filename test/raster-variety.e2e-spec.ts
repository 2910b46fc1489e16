/**
 * Rasters beyond the committed fixtures, made here with GDAL from them: byte orders, JPEG layouts, bilevel
 * images, infinities, polar and antimeridian-crossing georeferencing, an overview choice on the edge, and
 * headers no writer makes. Each is checked against what GDAL itself answers for the same file.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import request from 'supertest';
import { LargeImageService } from 'nest-large-image';
import { gridSampling } from '../libs/nest-large-image/src/core/grid-sampling';
import { pyramidFor, tileGrid } from '../libs/nest-large-image/src/core/pyramid';
import { GeoTiffWriter } from '../libs/nest-large-image/src/render/geotiff-writer';
import { codecThreads } from '../libs/nest-large-image/src/tiff/codec-threads';
import { LibTiff } from '../libs/nest-large-image/src/tiff/libtiff';
import { libTiffInUse, useLibTiff } from '../libs/nest-large-image/src/tiff/libtiff-blocks';
import { readBlock } from '../libs/nest-large-image/src/tiff/read-block';
import { sampleRgbToRgba } from '../libs/nest-large-image/src/tiff/sample-rgb';
import { FIXTURES_DIR } from './support/fixtures';
import { HAS_GDAL } from './support/gdal';
import { getImage, mercatorTileBounds, rgbaPixels } from './support/images';
import { createTestApp, TestApp } from './support/large-image-test-app';
import { compareTiles, onSourcePixelEdge, readReferenceTile } from './support/tile-comparison';

const describeWithGdal = HAS_GDAL ? describe : describe.skip;
if (!HAS_GDAL) console.warn('gdal-bin is not installed: the raster variety checks are skipped');
const describeWithLibTiff = libTiffInUse() ? describe : describe.skip;
if (!libTiffInUse()) console.warn('libtiff is not installed (Debian: apt-get install libtiff6): its decoding is not compared');

/**
 * Lambert azimuthal equal-area (3035), Lambert conformal conic (2154), Krovak (5514), ellipsoidal Mercator
 * (3395), transverse Mercator on Bessel with a Helmert shift (31255), longitude/latitude on ETRS89 (4258), and
 * Web Mercator itself (3857: a Web Mercator COG served as Web Mercator tiles).
 */
const REPROJECTED_CRS = [3035, 2154, 5514, 3395, 31255, 4258, 3857];

describeWithGdal('rasters of every kind agree with GDAL', () => {
  let directory: string;
  let testApp: TestApp;
  const ids: Record<string, number> = {};
  const http = () => request(testApp.app.getHttpServer());
  const engine = () => testApp.app.get(LargeImageService).engine;

  /** gdal_translate from a committed fixture into the scratch directory. */
  function translate(name: string, fixture: string, options: string[]) {
    execFileSync('gdal_translate', ['-q', ...options, path.join(FIXTURES_DIR, fixture), path.join(directory, name)]);
  }

  /**
   * The file with its last 40% overwritten by 0xff bytes: full-resolution blocks come last in a COG (and
   * after the header in a GeoTIFF), so those blocks stop being streams of their codec.
   */
  async function corruptTail(from: string, name: string) {
    const bytes = await fs.readFile(path.join(directory, from));
    const kept = Math.floor(bytes.length * 0.6);
    await fs.writeFile(path.join(directory, name), Buffer.concat([bytes.subarray(0, kept), Buffer.alloc(bytes.length - kept, 0xff)]));
  }

  /** gdallocationinfo's values at a pixel, one per band. */
  function gdalValues(name: string, x: number, y: number): number[] {
    return execFileSync('gdallocationinfo', ['-valonly', path.join(directory, name), String(x), String(y)], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map(Number);
  }

  async function ourValues(name: string, x: number, y: number): Promise<number[]> {
    const { status, body } = await http().get(`/api/images/${ids[name]}/data/pixel?left=${x}&top=${y}`);
    expect({ name, status, message: body.message }).toEqual({ name, status: 200, message: undefined });
    return body.value;
  }

  /** Our data/pixel values at points spread over the image against gdallocationinfo's. */
  async function expectPixelsAsGdal(name: string) {
    const { body } = await http().get(`/api/images/${ids[name]}/info/metadata`);
    // The fixtures' nodata lies in the top right corner.
    for (const [fx, fy] of [[0, 0], [0.5, 0.5], [0.99, 0.99], [0.25, 0.75], [0.8, 0.1], [0.96, 0.02]]) {
      const [x, y] = [Math.floor(fx * body.sizeX), Math.floor(fy * body.sizeY)];
      const ours = (await ourValues(name, x, y)).map((value) => (value === null ? NaN : value));
      const gdal = gdalValues(name, x, y);
      // gdallocationinfo prints 15 significant digits.
      const agree = ours.length === gdal.length && ours.every((value, b) => (Number.isNaN(value) ? Number.isNaN(gdal[b]) : Math.abs(value - gdal[b]) <= 1e-9 * Math.max(1, Math.abs(gdal[b]))));
      expect({ x, y, ours, gdal, agree }).toEqual({ x, y, ours, gdal, agree: true });
    }
  }

  /** Our native values of an EPSG:3857 tile against `gdalwarp -te -ts 256 256 -r near -dstalpha`. */
  async function compareWithGdalwarp(name: string, z: number, x: number, y: number) {
    const reference = path.join(directory, `${name}-${z}-${x}-${y}.tif`);
    const { xmin, ymin, xmax, ymax } = mercatorTileBounds(z, x, y);
    const bounds = [xmin, ymin, xmax, ymax].map(String);
    execFileSync('gdalwarp', ['-q', '-overwrite', '-t_srs', 'EPSG:3857', '-te', ...bounds, '-ts', '256', '256', '-r', 'near', '-dstalpha', path.join(directory, name), reference]);
    const raster = await engine().open(`local://${name}`);
    const ours = await engine().tileRaster(raster, { z, x, y, projection: 'EPSG:3857' });
    const { coordinates } = gridSampling(raster, raster.levels, tileGrid(raster, pyramidFor(raster, 'EPSG:3857', 256), z, x, y), true);
    const gdal = await readReferenceTile(reference);
    const covered = Array.from(gdal.alpha).filter((alpha) => alpha > 0).length;
    return { covered, ...compareTiles(ours, gdal, { onPixelEdge: (i) => onSourcePixelEdge(coordinates!, i) }) };
  }

  beforeAll(async () => {
    directory = await fs.mkdtemp(path.join(os.tmpdir(), 'raster-variety-'));
    const grey = ['-b', '1'];
    translate('uint16-big-endian-predictor.tif', 'uint16-4band.tif', ['-co', 'ENDIANNESS=BIG', '-co', 'COMPRESS=DEFLATE', '-co', 'PREDICTOR=2', '-co', 'TILED=YES']);
    // One row per strip puts the offset arrays past the first read, where geotiff.js reads them little-endian.
    translate('float32-big-endian-strips.tif', 'float32-4326-nodata.tif', ['-co', 'ENDIANNESS=BIG', '-co', 'BLOCKYSIZE=1']);
    translate('float64-predictor-2.tif', 'float32-4326-nodata.tif', ['-ot', 'Float64', '-co', 'COMPRESS=DEFLATE', '-co', 'PREDICTOR=2', '-co', 'TILED=YES']);
    translate('grey-jpeg.tif', 'rgb-utm-deflate.tif', [...grey, '-co', 'COMPRESS=JPEG', '-co', 'TILED=YES']);
    translate('band-separate-jpeg.tif', 'rgb-utm-deflate.tif', ['-co', 'COMPRESS=JPEG', '-co', 'INTERLEAVE=BAND', '-co', 'TILED=YES']);
    translate('bilevel-miniswhite.tif', 'rgb-utm-deflate.tif', [...grey, '-scale', '0', '255', '0', '1.99', '-co', 'NBITS=1', '-co', 'PHOTOMETRIC=MINISWHITE']);
    translate('uint16-nbits12.tif', 'uint16-4band.tif', ['-b', '1', '-scale', '0', '65535', '0', '4095', '-co', 'NBITS=12', '-co', 'TILED=YES']);
    translate('gcps-only.tif', 'pyramid-nongeo.tif', ['-a_srs', 'EPSG:32633', '-gcp', '0', '0', '400000', '5300000', '-gcp', '1100', '0', '411000', '5300000', '-gcp', '0', '800', '400000', '5292000']);
    // LZMA, which only libtiff decodes here; with the predictor, and tiled for a second copy.
    translate('lzma.tif', 'rgb-utm-deflate.tif', ['-co', 'COMPRESS=LZMA', '-co', 'PREDICTOR=2']);
    translate('lzma-tiles.tif', 'rgb-utm-deflate.tif', ['-co', 'COMPRESS=LZMA', '-co', 'TILED=YES']);
    // LZW, GDAL's default for COGs: with the predictor, in either byte order, and with floats.
    translate('rgb-lzw-cog.tif', 'rgb-utm-deflate.tif', ['-of', 'COG', '-co', 'COMPRESS=LZW', '-co', 'PREDICTOR=YES']);
    translate('uint16-lzw-big-endian-predictor.tif', 'uint16-4band.tif', ['-co', 'ENDIANNESS=BIG', '-co', 'COMPRESS=LZW', '-co', 'PREDICTOR=2', '-co', 'TILED=YES']);
    translate('float32-lzw-predictor-3.tif', 'float32-4326-nodata.tif', ['-co', 'COMPRESS=LZW', '-co', 'PREDICTOR=3', '-co', 'TILED=YES']);
    translate('rgb-lzw-strips.tif', 'rgb-utm-deflate.tif', ['-co', 'COMPRESS=LZW', '-co', 'PREDICTOR=2']);
    // The floating-point predictor leaves machine-order samples whatever the file's byte order.
    translate('float32-deflate-big-endian-predictor-3.tif', 'float32-4326-nodata.tif', ['-co', 'ENDIANNESS=BIG', '-co', 'COMPRESS=DEFLATE', '-co', 'PREDICTOR=3', '-co', 'TILED=YES']);
    translate('float64-lzw-predictor-3-strips.tif', 'uint16-4band.tif', ['-ot', 'Float64', '-co', 'COMPRESS=LZW', '-co', 'PREDICTOR=3']);
    // The other codecs GDAL writes. Tiles of 256 x 256 go to the codec threads; strips stay on the caller's.
    translate('rgb-zstd-cog.tif', 'rgb-utm-deflate.tif', ['-of', 'COG', '-co', 'COMPRESS=ZSTD', '-co', 'PREDICTOR=YES']);
    translate('uint16-zstd-big-endian-predictor.tif', 'uint16-4band.tif', ['-co', 'ENDIANNESS=BIG', '-co', 'COMPRESS=ZSTD', '-co', 'PREDICTOR=2', '-co', 'TILED=YES']);
    translate('float32-zstd-predictor-3.tif', 'float32-4326-nodata.tif', ['-co', 'COMPRESS=ZSTD', '-co', 'PREDICTOR=3', '-co', 'TILED=YES']);
    translate('rgb-packbits-tiles.tif', 'rgb-utm-deflate.tif', ['-co', 'COMPRESS=PACKBITS', '-co', 'TILED=YES']);
    // 1100 rows in strips of 7: the last strip has one row.
    translate('rgb-deflate-short-last-strip.tif', 'rgb-utm-deflate.tif', ['-co', 'COMPRESS=DEFLATE', '-co', 'PREDICTOR=2', '-co', 'BLOCKYSIZE=7']);
    translate('rgba-lzw-band-separate.tif', 'rgba-alpha-deflate.tif', ['-co', 'COMPRESS=LZW', '-co', 'PREDICTOR=2', '-co', 'INTERLEAVE=BAND', '-co', 'TILED=YES']);
    translate('int16-packbits-big-endian-strips.tif', 'int16-nodata.tif', ['-co', 'COMPRESS=PACKBITS', '-co', 'ENDIANNESS=BIG']);
    translate('float32-lerc.tif', 'float32-4326-nodata.tif', ['-co', 'COMPRESS=LERC', '-co', 'TILED=YES']);
    translate('float32-lerc-deflate.tif', 'float32-4326-nodata.tif', ['-co', 'COMPRESS=LERC_DEFLATE', '-co', 'TILED=YES']);
    translate('rgb-lerc-zstd-cog.tif', 'rgb-utm-deflate.tif', ['-of', 'COG', '-co', 'COMPRESS=LERC_ZSTD']);
    // NaN nodata: LERC leaves those pixels out with its mask, and GDAL reads them back as NaN.
    execFileSync('gdalwarp', ['-q', '-srcnodata', '-9999', '-dstnodata', 'nan', '-co', 'COMPRESS=LERC', '-co', 'TILED=YES', path.join(FIXTURES_DIR, 'float32-4326-nodata.tif'), path.join(directory, 'float32-nan-lerc.tif')]);
    translate('uint32-lerc.tif', 'uint16-4band.tif', ['-ot', 'UInt32', '-scale', '0', '65535', '0', '4000000000', '-co', 'COMPRESS=LERC', '-co', 'TILED=YES']);
    translate('uint16-lerc-band-separate.tif', 'uint16-4band.tif', ['-co', 'COMPRESS=LERC', '-co', 'INTERLEAVE=BAND', '-co', 'TILED=YES']);
    translate('rgb-webp-tiles.tif', 'rgb-utm-deflate.tif', ['-co', 'COMPRESS=WEBP', '-co', 'TILED=YES']);
    translate('polar-3031.tif', 'float32-4326-nodata.tif', ['-a_srs', 'EPSG:3031', '-a_ullr', '-3000000', '3000000', '3000000', '-1500000', '-of', 'COG', '-co', 'COMPRESS=DEFLATE']);
    translate('world-4326.tif', 'rgb-utm-deflate.tif', ['-a_srs', 'EPSG:4326', '-a_ullr', '-180', '90', '180', '-90', '-of', 'COG', '-co', 'COMPRESS=DEFLATE']);
    translate('antimeridian-4326.tif', 'rgb-utm-deflate.tif', ['-a_srs', 'EPSG:4326', '-a_ullr', '170', '10', '190', '-5', '-co', 'TILED=YES']);
    // 12.9 m pixels: at zoom 12 the tile's own span asks for the first overview (ratio 2.02), the whole
    // image's suggested resolution for full resolution (1.96); gdalwarp -te -ts goes by the tile's.
    translate('overview-edge.tif', 'rgb-utm-deflate.tif', ['-outsize', '1200', '900', '-a_srs', 'EPSG:32633', '-a_ullr', '400000', '5300000', '415510', '5288330', '-of', 'COG', '-co', 'COMPRESS=DEFLATE', '-co', 'BLOCKSIZE=256']);
    // Overviews in a file of their own beside the image (gdaladdo -ro), which GDAL reads for it; a second
    // copy gets its .ovr only during a test, and a masked copy one without masks (gdaladdo -ro writes none).
    translate('rgb-external-ovr.tif', 'rgb-utm-deflate.tif', ['-co', 'TILED=YES', '-co', 'COMPRESS=DEFLATE']);
    execFileSync('gdaladdo', ['-q', '-ro', path.join(directory, 'rgb-external-ovr.tif'), '2', '4', '8']);
    translate('rgb-ovr-later.tif', 'rgb-utm-deflate.tif', ['-co', 'TILED=YES', '-co', 'COMPRESS=DEFLATE']);
    execFileSync('gdal_translate', ['-q', '-co', 'TILED=YES', path.join(FIXTURES_DIR, 'rgb-mask-jpeg.tif'), path.join(directory, 'rgb-mask-ovr.tif')], {
      env: { ...process.env, GDAL_TIFF_INTERNAL_MASK: 'YES' },
    });
    execFileSync('gdaladdo', ['-q', '-ro', path.join(directory, 'rgb-mask-ovr.tif'), '2', '4'], { stdio: 'ignore' });
    // 1024 blocks and no overviews: its one-tile level reads all 200 MB of them, in batches.
    translate('no-overviews-8192.tif', 'rgb-utm-deflate.tif', ['-outsize', '8192', '8192', '-co', 'TILED=YES', '-co', 'COMPRESS=DEFLATE']);
    // RGBA with every alpha from 0 to 255 (the red band's values), as a COG and band-separate.
    translate('rgba-cog.tif', 'rgb-utm-deflate.tif', ['-b', '1', '-b', '2', '-b', '3', '-b', '1', '-colorinterp_4', 'alpha', '-of', 'COG', '-co', 'COMPRESS=DEFLATE']);
    translate('grey-cog.tif', 'rgb-utm-deflate.tif', ['-b', '1', '-of', 'COG', '-co', 'COMPRESS=DEFLATE']);
    translate('grey-alpha-cog.tif', 'rgb-utm-deflate.tif', ['-b', '1', '-b', '2', '-colorinterp_2', 'alpha', '-of', 'COG', '-co', 'COMPRESS=DEFLATE']);
    translate('rgba-band-separate.tif', 'rgb-utm-deflate.tif', ['-b', '1', '-b', '2', '-b', '3', '-b', '1', '-colorinterp_4', 'alpha', '-co', 'INTERLEAVE=BAND', '-co', 'TILED=YES']);
    translate('cog-jpeg.tif', 'rgb-utm-deflate.tif', ['-of', 'COG', '-co', 'COMPRESS=JPEG', '-co', 'BLOCKSIZE=256']);
    const cog = await fs.readFile(path.join(directory, 'cog-jpeg.tif'));
    await fs.writeFile(path.join(directory, 'cog-jpeg-truncated.tif'), cog.subarray(0, 16384));
    // The same image in projections of other families, each with its datum shift where it has one.
    for (const code of REPROJECTED_CRS) {
      execFileSync('gdalwarp', ['-q', '-t_srs', `EPSG:${code}`, '-co', 'TILED=YES', path.join(FIXTURES_DIR, 'rgb-utm-deflate.tif'), path.join(directory, `rgb-${code}.tif`)]);
    }
    await corruptTail('rgb-lzw-cog.tif', 'lzw-corrupt.tif');
    await corruptTail('rgb-zstd-cog.tif', 'zstd-corrupt.tif');
    await corruptTail('rgb-packbits-tiles.tif', 'packbits-corrupt.tif');
    await corruptTail('rgb-lerc-zstd-cog.tif', 'lerc-zstd-corrupt.tif');
    await writeInfinities(path.join(directory, 'float32-infinity.tif'));
    await writeHostileHeaders(path.join(FIXTURES_DIR, 'pyramid-nongeo.tif'), directory);

    testApp = await createTestApp({ storages: { local: { root: directory } } });
    for (const name of await fs.readdir(directory)) ids[name] = await testApp.addImage(name);
  }, 120_000);

  afterAll(async () => {
    await testApp?.app.close();
    await fs.rm(directory, { recursive: true, force: true });
  });

  it.each([
    ['uint16-big-endian-predictor.tif', 'big-endian 16-bit samples with the horizontal predictor'],
    ['float32-big-endian-strips.tif', 'big-endian floats in 1-row strips'],
    ['float64-predictor-2.tif', '64-bit samples with the horizontal predictor'],
    ['grey-jpeg.tif', 'a one-band JPEG'],
    ['band-separate-jpeg.tif', 'band-separate JPEG planes'],
    ['bilevel-miniswhite.tif', '1-bit MINISWHITE'],
    ['uint16-nbits12.tif', '12-bit samples'],
    ['rgb-lzw-cog.tif', 'an LZW COG with the predictor'],
    ['uint16-lzw-big-endian-predictor.tif', 'big-endian 16-bit LZW with the predictor'],
    ['float32-lzw-predictor-3.tif', 'float LZW with the floating-point predictor'],
    ['rgb-lzw-strips.tif', 'LZW strips with the predictor'],
    ['float32-deflate-big-endian-predictor-3.tif', 'big-endian floats with the floating-point predictor'],
    ['float64-lzw-predictor-3-strips.tif', 'four bands of doubles in LZW strips with the floating-point predictor'],
    ['rgb-zstd-cog.tif', 'a ZSTD COG with the predictor'],
    ['uint16-zstd-big-endian-predictor.tif', 'big-endian 16-bit ZSTD with the predictor'],
    ['float32-zstd-predictor-3.tif', 'float ZSTD with the floating-point predictor'],
    ['rgb-packbits-tiles.tif', 'PackBits tiles'],
    ['int16-packbits-big-endian-strips.tif', 'big-endian 16-bit PackBits strips'],
    ['float32-lerc.tif', 'LERC floats'],
    ['float32-lerc-deflate.tif', 'LERC with DEFLATE'],
    ['rgb-lerc-zstd-cog.tif', 'a LERC_ZSTD COG'],
    ['uint16-lerc-band-separate.tif', 'band-separate LERC planes'],
    ['uint32-lerc.tif', 'LERC 32-bit unsigned integers past 2^31'],
    ['float32-nan-lerc.tif', 'LERC floats with NaN nodata'],
    ['rgb-webp-tiles.tif', 'WebP tiles'],
  ])('%s (%s): data/pixel equals gdallocationinfo', (name) => expectPixelsAsGdal(name));

  it.each(['float32-lerc.tif', 'rgb-lerc-zstd-cog.tif', 'uint16-lerc-band-separate.tif', 'rgb-packbits-tiles.tif'])(
    '%s: a block is decoded on a codec thread, to what the calling thread decodes',
    async (name) => {
      const { image } = (await engine().open(`local://${name}`)).levels[0];
      // PackBits goes to the codec threads only without libtiff.
      useLibTiff(false);
      try {
        const onThreads = codecThreads.completed;
        const threaded = await readBlock(image, 0, 0);
        expect(codecThreads.completed).toBeGreaterThan(onThreads);
        codecThreads.configure(0);
        const inline = await readBlock(image, 0, 0);
        expect(Buffer.from(threaded.data.buffer).equals(Buffer.from(inline.data.buffer))).toBe(true);
      } finally {
        codecThreads.configure(1);
        useLibTiff(true);
      }
    },
  );

  describeWithLibTiff('blocks decoded by the system libtiff', () => {
    afterEach(() => jest.restoreAllMocks());

    it('lzma.tif (LZMA, which only libtiff decodes here): data/pixel equals gdallocationinfo', () => expectPixelsAsGdal('lzma.tif'));

    it('an LZMA file read with libtiff switched off is a clear 422 that names libtiff', async () => {
      useLibTiff(false);
      try {
        const response = await http().get(`/api/images/${ids['lzma-tiles.tif']}/tiles/0/0/0.png`);
        expect({ status: response.status, message: response.body.message }).toEqual({ status: 422, message: expect.stringMatching(/LZMA \(34925\).*install libtiff/) });
      } finally {
        useLibTiff(true);
      }
    });

    it.each([
      'uint16-big-endian-predictor.tif',
      'float64-predictor-2.tif',
      'rgb-lzw-cog.tif',
      'uint16-lzw-big-endian-predictor.tif',
      'float32-lzw-predictor-3.tif',
      'rgb-lzw-strips.tif',
      'float32-deflate-big-endian-predictor-3.tif',
      'float64-lzw-predictor-3-strips.tif',
      'rgb-zstd-cog.tif',
      'uint16-zstd-big-endian-predictor.tif',
      'float32-zstd-predictor-3.tif',
      'rgb-packbits-tiles.tif',
      'int16-packbits-big-endian-strips.tif',
      'rgb-deflate-short-last-strip.tif',
      'rgba-lzw-band-separate.tif',
    ])('%s: every block, overviews included, equals what the library decodes without libtiff', async (name) => {
      const decodes = jest.spyOn(LibTiff.prototype, 'decode');
      const raster = await engine().open(`local://${name}`);
      const blocks = raster.levels.flatMap(({ image }) =>
        Array.from({ length: Math.ceil(image.getHeight() / image.getTileHeight()) }, (_, ty) =>
          Array.from({ length: Math.ceil(image.getWidth() / image.getTileWidth()) }, (_, tx) => ({ image, tx, ty })),
        ).flat(),
      );
      const native = await Promise.all(blocks.map(({ image, tx, ty }) => readBlock(image, tx, ty)));
      // Each block (each plane of a band-separate one) went through libtiff, and libtiff took every one:
      // a short last strip included.
      expect(decodes.mock.calls.length).toBeGreaterThanOrEqual(blocks.length);
      for (const result of decodes.mock.results) await expect(result.value).resolves.toBe(true);
      useLibTiff(false);
      try {
        for (const [index, { image, tx, ty }] of blocks.entries()) {
          const own = await readBlock(image, tx, ty);
          const samples = own.width * own.height * own.samples;
          const same = Buffer.from(native[index].data.buffer, native[index].data.byteOffset, samples * own.data.BYTES_PER_ELEMENT).equals(
            Buffer.from(own.data.buffer, own.data.byteOffset, samples * own.data.BYTES_PER_ELEMENT),
          );
          expect({ tx, ty, same, type: native[index].data.constructor.name }).toEqual({ tx, ty, same: true, type: own.data.constructor.name });
        }
      } finally {
        useLibTiff(true);
      }
    });
  });

  it('reads the whole-image tile of a file without overviews in batches of blocks, with the values GDAL has there', async () => {
    const name = 'no-overviews-8192.tif';
    // Tile 0/0/0 covers the 8192 x 8192 image at 32 pixels per output pixel: output pixel (col, row) is
    // source pixel (32 col + 16, 32 row + 16), whose values gdallocationinfo reads from stdin in one run.
    const points = Array.from({ length: 256 * 256 }, (_, i) => `${(i % 256) * 32 + 16} ${Math.floor(i / 256) * 32 + 16}`);
    const gdal = execFileSync('gdallocationinfo', ['-valonly', path.join(directory, name)], { input: points.join('\n'), encoding: 'utf8', maxBuffer: 64 << 20 })
      .trim()
      .split('\n')
      .map(Number);
    expect(gdal).toHaveLength(256 * 256 * 3);
    const png = await getImage(testApp.app, `/api/images/${ids[name]}/tiles/0/0/0.png`);
    expect(png.status).toBe(200);
    const { data } = await rgbaPixels(png.body);
    const native = await engine().tileRaster(await engine().open(`local://${name}`), { z: 0, x: 0, y: 0 });
    let differing = 0;
    for (let i = 0; i < 256 * 256; i++) {
      for (let b = 0; b < 3; b++) if (data[4 * i + b] !== gdal[3 * i + b] || native.values[3 * i + b] !== gdal[3 * i + b]) differing++;
    }
    expect(differing).toBe(0);
  });

  it.each([
    ['rgba-cog.tif', 4, 14, 8879, 5887],
    ['rgba-cog.tif', 4, 12, 2219, 1471],
    ['rgba-band-separate.tif', 4, 14, 8879, 5887],
    ['grey-cog.tif', 1, 14, 8879, 5887],
    ['grey-alpha-cog.tif', 2, 12, 2219, 1471],
  ] as const)('%s (%i bands) %i/%i/%i: 8-bit grey or colour sampled straight to RGBA equals its default style applied to native values', async (name, bands, z, x, y) => {
    const raster = await engine().open(`local://${name}`);
    expect(raster.alphaBand).toBe(bands % 2 === 0 ? bands - 1 : null);
    const grid = tileGrid(raster, pyramidFor(raster, 'EPSG:3857', 256), z, x, y);
    const styled = await engine().styler(raster, {})(await engine().sampler(raster)(grid), grid);
    const alphas = new Set(Array.from({ length: styled.length / 4 }, (_, i) => styled[4 * i + 3]));
    if (bands % 2 === 0) expect(alphas.size).toBeGreaterThan(50);
    const { levelIndex, plan } = gridSampling(raster, raster.levels, grid);
    const direct = await sampleRgbToRgba(raster.levels[levelIndex], plan, grid.width, grid.height, bands);
    expect(Buffer.from(direct).equals(Buffer.from(styled))).toBe(true);
    // And the default renderer is the same.
    expect(Buffer.from(await engine().renderer(raster, {})(grid)).equals(Buffer.from(styled))).toBe(true);
  });

  it('shows a 1-bit MINISWHITE image as GDAL does: a palette band where 0 is white', async () => {
    const { body } = await http().get(`/api/images/${ids['bilevel-miniswhite.tif']}/info/band?band=1`);
    expect(body.interpretation).toBe('palette');
    expect(body.colortable).toEqual([
      [255, 255, 255, 255],
      [0, 0, 0, 255],
    ]);
    const pixel = (await http().get(`/api/images/${ids['bilevel-miniswhite.tif']}/data/pixel?left=0&top=0`)).body;
    expect([pixel.r, pixel.g, pixel.b]).toEqual(pixel.value[0] === 0 ? [255, 255, 255] : [0, 0, 0]);
  });

  it('takes external overviews (<file>.ovr) as levels, as GDAL counts them', async () => {
    const { body } = await http().get(`/api/images/${ids['rgb-external-ovr.tif']}/info/metadata`);
    const gdal = JSON.parse(execFileSync('gdalinfo', ['-json', path.join(directory, 'rgb-external-ovr.tif')], { encoding: 'utf8' }));
    expect(body.sourceLevels).toBe(1 + gdal.bands[0].overviews.length);
    expect(body.sourceLevels).toBe(4);
  });

  it('sees an .ovr added, and then removed, beside a file being served: new levels and new ETags each time', async () => {
    const file = path.join(directory, 'rgb-ovr-later.tif');
    const id = ids['rgb-ovr-later.tif'];
    const look = async () => {
      const metadata = await http().get(`/api/images/${id}/info/metadata`);
      const tile = await http().get(`/api/images/${id}/tiles/10/554/367.png?projection=EPSG:3857`);
      expect([metadata.status, tile.status]).toEqual([200, 200]);
      return { levels: metadata.body.sourceLevels, etag: tile.headers.etag };
    };
    const without = await look();
    expect(without.levels).toBe(1);
    execFileSync('gdaladdo', ['-q', '-ro', file, '2', '4', '8']);
    const added = await look();
    expect(added.levels).toBe(4);
    expect(added.etag).not.toBe(without.etag);
    const result = await compareWithGdalwarp('rgb-ovr-later.tif', 10, 554, 367);
    expect(result.unexplainedMismatches).toBe(0);
    await fs.rm(`${file}.ovr`);
    const removed = await look();
    expect(removed.levels).toBe(1);
    expect(removed.etag).not.toBe(added.etag);
  });

  it('keeps a masked file at full resolution when its .ovr has no masks, rather than show masked areas', async () => {
    const { body } = await http().get(`/api/images/${ids['rgb-mask-ovr.tif']}/info/metadata`);
    expect(body.sourceLevels).toBe(1);
  });

  it('reads a file with a CRS but only ground control points (no geotransform) as a plain image, as pixels', async () => {
    const id = ids['gcps-only.tif'];
    const { status, body } = await http().get(`/api/images/${id}/info/metadata`);
    expect({ status, geospatial: body.geospatial, size: [body.sizeX, body.sizeY] }).toEqual({ status: 200, geospatial: false, size: [1100, 800] });
    expect((await http().get(`/api/images/${id}/tiles/0/0/0.png`)).status).toBe(200);
    expect((await http().get(`/api/images/${id}/tiles/0/0/0.png?projection=EPSG:3857`)).status).toBe(400);
  });

  it('renders infinite float values at the ends of the ramp instead of failing, and stretches the finite ones', async () => {
    const id = ids['float32-infinity.tif'];
    expect((await http().get(`/api/images/${id}/tiles/0/0/0.png`)).status).toBe(200);
    const [top, middle, bottom] = await Promise.all(
      [0, 32, 63].map(async (row) => (await http().get(`/api/images/${id}/data/pixel?left=5&top=${row}`)).body),
    );
    // Row 0 is +Infinity, row 63 -Infinity; the finite rows run from 1 to 62.
    expect([top.r, bottom.r]).toEqual([255, 0]);
    expect(middle.r).toBeGreaterThan(100);
    expect(middle.r).toBeLessThan(155);
    const histogram = await http().get(`/api/images/${id}/data/histogram`);
    expect(histogram.status).toBe(400);
    expect(histogram.body.message).toMatch(/infinite values.*range/);
    expect((await http().get(`/api/images/${id}/data/histogram?range=0,100`)).status).toBe(200);
  });

  it.each([
    ['polar-3031.tif', 4, 7, 14, 'a tile of the polar image south of its outline'],
    ['polar-3031.tif', 2, 1, 3, 'the polar cap'],
    ['antimeridian-4326.tif', 4, 0, 7, 'the part of the image past 180 degrees east'],
    ['antimeridian-4326.tif', 4, 15, 7, 'the part before 180 degrees east'],
    ['overview-edge.tif', 12, 2204, 1427, 'a tile whose own span picks the first overview'],
    ['world-4326.tif', 5, 0, 0, 'the west edge of the world, which must not wrap to the east edge'],
    ['world-4326.tif', 5, 31, 31, 'the east edge of the world'],
    ['rgb-lzw-cog.tif', 12, 2219, 1471, 'an LZW COG'],
    ['rgb-lzw-cog.tif', 14, 8879, 5887, 'an LZW COG at full resolution'],
    ['rgb-zstd-cog.tif', 14, 8879, 5887, 'a ZSTD COG at full resolution'],
    ['rgb-packbits-tiles.tif', 14, 8879, 5887, 'PackBits tiles at full resolution'],
    ['rgb-external-ovr.tif', 12, 2219, 1471, 'a tile from the external overviews'],
    ['rgb-external-ovr.tif', 10, 554, 367, 'a tile from their smallest level'],
  ])('%s %i/%i/%i (%s) matches gdalwarp', async (name, z, x, y) => {
    const result = await compareWithGdalwarp(name, z, x, y);
    expect(result.covered).toBeGreaterThan(1000);
    expect(result.equal / result.total).toBeGreaterThanOrEqual(0.995);
    expect(result.unexplainedMismatches).toBe(0);
  });

  it.each(REPROJECTED_CRS.flatMap((code) => [[code, 14, 8879, 5887] as const, [code, 12, 2219, 1471] as const]))(
    'an image in EPSG:%i: tile %i/%i/%i matches gdalwarp',
    async (code, z, x, y) => {
      const result = await compareWithGdalwarp(`rgb-${code}.tif`, z, x, y);
      expect(result.covered).toBe(256 * 256);
      expect(result.equal / result.total).toBeGreaterThanOrEqual(0.995);
      expect(result.unexplainedMismatches).toBe(0);
    },
  );

  it.each([
    ['cog-jpeg-truncated.tif', 'tiles/2/1/1.jpeg', /truncated or corrupt|not a readable TIFF/],
    ['lzw-corrupt.tif', 'data/pixel?left=1400&top=1000', /truncated or corrupt/],
    ['zstd-corrupt.tif', 'data/pixel?left=1400&top=1000', /truncated or corrupt/],
    ['packbits-corrupt.tif', 'data/pixel?left=1400&top=1000', /corrupt/],
    ['lerc-zstd-corrupt.tif', 'data/pixel?left=1400&top=1000', /truncated or corrupt/],
    ['samples-65535.tif', 'info/metadata', /BitsPerSample has 3 values for 65535 samples/],
    ['tile-width-0.tif', 'info/metadata', /zero or invalid size/],
  ])('%s: %s is a clear 422', async (name, route, message) => {
    const started = Date.now();
    const response = await http().get(`/api/images/${ids[name]}/${route}`);
    expect({ status: response.status, message: response.body.message }).toEqual({ status: 422, message: expect.stringMatching(message) });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

/** A 64 x 64 float32 image whose first row is +Infinity, last row -Infinity, and row r otherwise r. */
async function writeInfinities(file: string): Promise<void> {
  const size = 64;
  const writer = await GeoTiffWriter.create({ width: size, height: size, bands: 1, dtype: 'float32', tileSize: size });
  const values = new Float32Array(size * size).map((_, i) => {
    const row = Math.floor(i / size);
    return row === 0 ? Infinity : row === size - 1 ? -Infinity : row;
  });
  await writer.writeTileRow(0, values);
  const { stream } = await writer.finish();
  await pipeline(stream, createWriteStream(file));
}

/**
 * Copies of a little-endian tiled TIFF with one first-IFD entry overwritten: SamplesPerPixel 65535 (with
 * BitsPerSample still listing 3), and TileWidth 0.
 */
async function writeHostileHeaders(source: string, directory: string): Promise<void> {
  const bytes = await fs.readFile(source);
  const patched = (tag: number, value: number) => {
    const copy = Buffer.from(bytes);
    const ifd = copy.readUInt32LE(4);
    for (let entry = 0; entry < copy.readUInt16LE(ifd); entry++) {
      const at = ifd + 2 + entry * 12;
      if (copy.readUInt16LE(at) !== tag) continue;
      if (copy.readUInt16LE(at + 2) === 3) copy.writeUInt16LE(value, at + 8);
      else copy.writeUInt32LE(value, at + 8);
      return copy;
    }
    throw new Error(`tag ${tag} not found in ${source}`);
  };
  await fs.writeFile(path.join(directory, 'samples-65535.tif'), patched(277, 65535));
  await fs.writeFile(path.join(directory, 'tile-width-0.tif'), patched(322, 0));
}
