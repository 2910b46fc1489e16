import { execFile, spawnSync } from 'child_process';
import { createWriteStream, existsSync, promises as fs, readdirSync, statSync } from 'fs';
import { fromArrayBuffer, GeoTIFFImage } from 'geotiff';
import { tmpdir } from 'os';
import { join } from 'path';
import { pipeline } from 'stream/promises';
import { promisify } from 'util';
import { epsgCodeFromGeoKeys } from '../tiff/geokeys';
import { geoTransformOf } from '../tiff/geotransform';
import type { DType, GeoTransform } from '../tiff/raster-source';
import { GeoTiffWriter } from './geotiff-writer';
import { GeoTiffWriterOptions } from './geotiff-writer-options';
import { GeoTiffWriterError } from './geotiff-writer.errors';
import { PixelValues, TIFF_SAMPLE_TYPES } from './tiff-sample-types';

const run = promisify(execFile);
const HAS_GDAL = !spawnSync('gdalinfo', ['--version']).error;
if (!HAS_GDAL) console.warn('gdalinfo is not on PATH: GeoTIFF writer output is checked with geotiff.js only, not against GDAL');

const WIDTH = 300;
const HEIGHT = 200;
const GEOGRAPHIC: GeoTransform = [12.5, 0.001, 0, 47.25, 0, -0.0005];
const UTM: GeoTransform = [500000, 10, 0, 4600000, 0, -10];
const ROTATED: GeoTransform = [500000, 8.660254037844387, 5, 4600000, 5, -8.660254037844387];

/** Deterministic test pixels spanning each dtype's range (negatives, large values, fractions). */
const PIXEL: Record<DType, (x: number, y: number, band: number) => number> = {
  uint8: (x, y, b) => (x * 7 + y * 13 + b * 61) % 256,
  int8: (x, y, b) => ((x * 7 + y * 13 + b * 61) % 256) - 128,
  uint16: (x, y, b) => (x * 211 + y * 307 + b * 10007) % 65536,
  int16: (x, y, b) => ((x * 211 + y * 307 + b * 10007) % 65536) - 32768,
  uint32: (x, y, b) => (x * 1000003 + y * 7919999 + b * 123456789) % 2 ** 32,
  int32: (x, y, b) => ((x * 1000003 + y * 7919999 + b * 123456789) % 2 ** 32) - 2 ** 31,
  float32: (x, y, b) => Math.sin(x * 0.05 + b) * 1000 + y * 0.125,
  float64: (x, y, b) => x * 1e-3 + y * 1e6 + b / 3 + Math.PI,
};

interface Case {
  name: string;
  options: Omit<GeoTiffWriterOptions, 'width' | 'height' | 'directory'>;
  /** GDAL's names for the band colour interpretations we expect. */
  colours: string[];
  /** Pixels (x, y) set to no-data. */
  nodataAt?: (x: number, y: number) => boolean;
  /** Feed the writer a Raster-like Float64Array instead of the file's own sample type. */
  float64Input?: boolean;
}

const CASES: Case[] = [
  {
    name: 'uint8 RGB, EPSG:4326',
    options: { bands: 3, dtype: 'uint8', tileSize: 128, geo: { epsg: 4326, isGeographic: true, geoTransform: GEOGRAPHIC } },
    colours: ['Red', 'Green', 'Blue'],
  },
  {
    name: 'uint8 RGBA, EPSG:32633',
    options: { bands: 4, dtype: 'uint8', alphaBand: true, geo: { epsg: 32633, isGeographic: false, geoTransform: UTM } },
    colours: ['Red', 'Green', 'Blue', 'Alpha'],
    float64Input: true,
  },
  {
    name: 'uint16 4 bands, no georeferencing',
    options: { bands: 4, dtype: 'uint16', tileSize: 128 },
    colours: ['Gray', 'Undefined', 'Undefined', 'Undefined'],
  },
  {
    name: 'int16 with nodata, EPSG:32633',
    options: { bands: 1, dtype: 'int16', tileSize: 64, nodata: -9999, geo: { epsg: 32633, isGeographic: false, geoTransform: UTM } },
    colours: ['Gray'],
    nodataAt: (x, y) => (x + y) % 17 === 0,
  },
  {
    name: 'float32 1 band, NaN nodata, EPSG:4326',
    options: { bands: 1, dtype: 'float32', tileSize: 128, nodata: NaN, geo: { epsg: 4326, isGeographic: true, geoTransform: GEOGRAPHIC } },
    colours: ['Gray'],
    nodataAt: (x, y) => x === y,
    float64Input: true,
  },
  {
    name: 'float64 2 bands, rotated, EPSG:32633',
    options: { bands: 2, dtype: 'float64', tileSize: 128, nodata: -1e300, geo: { epsg: 32633, isGeographic: false, geoTransform: ROTATED } },
    colours: ['Gray', 'Undefined'],
  },
  {
    name: 'int8 grey + alpha, uncompressed',
    options: { bands: 2, dtype: 'int8', tileSize: 128, alphaBand: true, compression: 'none' },
    colours: ['Gray', 'Alpha'],
  },
  {
    name: 'uint32 1 band, nodata at the top of the range, EPSG:4326',
    options: { bands: 1, dtype: 'uint32', tileSize: 128, nodata: 4294967295, geo: { epsg: 4326, isGeographic: true, geoTransform: GEOGRAPHIC } },
    colours: ['Gray'],
  },
  {
    name: 'int32 3 bands (not RGB: only uint8 defaults to RGB)',
    options: { bands: 3, dtype: 'int32', tileSize: 128, nodata: -2147483648 },
    colours: ['Gray', 'Undefined', 'Undefined'],
  },
];

const GDAL_TYPES: Record<DType, string> = {
  uint8: 'Byte',
  int8: 'Byte', // GDAL 3.6 reads signed bytes as Byte with PIXELTYPE=SIGNEDBYTE (Int8 came in 3.7)
  uint16: 'UInt16',
  int16: 'Int16',
  uint32: 'UInt32',
  int32: 'Int32',
  float32: 'Float32',
  float64: 'Float64',
};

interface Written {
  path: string;
  bytes: Buffer;
  /** Every sample as written, pixel-interleaved, in the file's sample type. */
  expected: PixelValues;
  size: number;
}

let workDir: string;
beforeAll(async () => {
  workDir = await fs.mkdtemp(join(tmpdir(), 'geotiff-writer-spec-'));
});
afterAll(async () => {
  await fs.rm(workDir, { recursive: true, force: true });
});

/** A fresh, empty directory for the writer's temporary file, so tests can see it come and go. */
async function scratchDir(): Promise<string> {
  return fs.mkdtemp(join(workDir, 'tmp-'));
}

function nodataOf(testCase: Case): number {
  return testCase.options.nodata ?? NaN;
}

function expectedImage(testCase: Case): Float64Array {
  const { bands, dtype } = testCase.options;
  const image = new Float64Array(WIDTH * HEIGHT * bands);
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      for (let b = 0; b < bands; b++) {
        const nodata = testCase.nodataAt?.(x, y);
        image[(y * WIDTH + x) * bands + b] = nodata ? nodataOf(testCase) : PIXEL[dtype](x, y, b);
      }
    }
  }
  return image;
}

/** Writes the case's image through the writer, one row of tiles at a time, and saves the stream to disk. */
async function writeCase(testCase: Case, extra: Partial<GeoTiffWriterOptions> = {}): Promise<Written> {
  const { bands, dtype } = testCase.options;
  const image = expectedImage(testCase);
  const directory = await scratchDir();
  const writer = await GeoTiffWriter.create({ ...testCase.options, width: WIDTH, height: HEIGHT, directory, ...extra });
  for (const { y0, rows } of writer.tileRows()) {
    const slice = image.subarray(y0 * WIDTH * bands, (y0 + rows) * WIDTH * bands);
    await writer.writeTileRow(y0, testCase.float64Input ? slice.slice() : new TIFF_SAMPLE_TYPES[dtype].array(slice.length).map((_, i) => slice[i]));
  }
  const { stream, size } = await writer.finish();
  const path = join(workDir, `${testCase.name.replace(/\W+/g, '_')}${extra.forceBigTiff ? '_big' : ''}.tif`);
  await pipeline(stream, createWriteStream(path));
  await waitUntilEmpty(directory);
  const expected = new TIFF_SAMPLE_TYPES[dtype].array(image.length);
  expected.set(image);
  return { path, bytes: await fs.readFile(path), expected, size };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function waitUntilEmpty(directory: string): Promise<void> {
  for (let attempt = 0; attempt < 100 && readdirSync(directory).length > 0; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(readdirSync(directory)).toEqual([]);
}

function firstMismatch(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return -2;
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i]) && !(Number.isNaN(actual[i]) && Number.isNaN(expected[i]))) return i;
  }
  return -1;
}

async function openWithGeotiffJs(bytes: Buffer): Promise<GeoTIFFImage> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return (await fromArrayBuffer(buffer)).getImage();
}

/** Tag numbers of the first IFD, in file order, read straight from the bytes (classic little-endian TIFF). */
function classicIfdTags(bytes: Buffer): number[] {
  const ifd = bytes.readUInt32LE(4);
  return Array.from({ length: bytes.readUInt16LE(ifd) }, (_, i) => bytes.readUInt16LE(ifd + 2 + i * 12));
}

interface GdalBand {
  block: [number, number];
  type: string;
  colorInterpretation: string;
  noDataValue?: number | string;
  metadata: Record<string, Record<string, string>>;
  mask?: { flags: string[] };
}
interface GdalInfo {
  size: [number, number];
  geoTransform?: number[];
  coordinateSystem?: { wkt: string };
  stac?: { 'proj:epsg'?: number };
  metadata: Record<string, Record<string, string>>;
  bands: GdalBand[];
}

async function gdalinfo(path: string): Promise<GdalInfo> {
  const { stdout, stderr } = await run('gdalinfo', ['-json', path]);
  // libtiff warns (unsorted tags, SamplesPerPixel not adding up, ...) on stderr: a clean file says nothing.
  expect(stderr).toBe('');
  return JSON.parse(stdout) as GdalInfo;
}

/** The CRS's EPSG code as GDAL reports it: STAC's proj:epsg, else the WKT's outermost ID/AUTHORITY. */
function gdalEpsg(info: GdalInfo): number | undefined {
  if (info.stac?.['proj:epsg']) return info.stac['proj:epsg'];
  const wkt = info.coordinateSystem?.wkt ?? '';
  const match = /(?:ID|AUTHORITY)\["EPSG",\s*"?(\d+)"?\]\s*\]\s*$/.exec(wkt);
  return match ? Number(match[1]) : undefined;
}

/** Every sample as GDAL decodes it: the raw, pixel-interleaved, host-order dump of gdal_translate's ENVI output. */
async function gdalRaw(path: string): Promise<Buffer> {
  const raw = `${path}.raw`;
  await run('gdal_translate', ['-q', '-of', 'ENVI', '-co', 'INTERLEAVE=BIP', path, raw]);
  return fs.readFile(raw);
}

async function gdalValues(path: string, x: number, y: number): Promise<number[]> {
  const { stdout } = await run('gdallocationinfo', ['-valonly', path, String(x), String(y)]);
  return stdout.trim().split('\n').map(Number);
}

describe('GeoTiffWriter', () => {
  describe.each(CASES)('$name', (testCase) => {
    let written: Written;
    beforeAll(async () => {
      written = await writeCase(testCase);
    });

    it('is read back by geotiff.js with every pixel, the tiling, sample format and georeferencing written', async () => {
      const { bands, dtype, tileSize = 256, compression = 'deflate', geo, nodata, alphaBand } = testCase.options;
      const image = await openWithGeotiffJs(written.bytes);
      expect(written.size).toBe(written.bytes.length);
      expect([image.getWidth(), image.getHeight(), image.getSamplesPerPixel()]).toEqual([WIDTH, HEIGHT, bands]);
      expect([image.getTileWidth(), image.getTileHeight(), image.isTiled]).toEqual([tileSize, tileSize, true]);
      expect(image.getSampleFormat()).toBe(TIFF_SAMPLE_TYPES[dtype].sampleFormat);
      expect(image.getBitsPerSample()).toBe(TIFF_SAMPLE_TYPES[dtype].bytes * 8);
      const directory = image.fileDirectory;
      const isFloat = dtype.startsWith('float');
      expect(directory.getValue('Compression')).toBe(compression === 'deflate' ? 8 : 1);
      expect((await directory.loadValue('Predictor')) ?? 1).toBe(compression === 'none' ? 1 : isFloat ? 3 : 2);
      expect(directory.getValue('PlanarConfiguration')).toBe(1);
      if (alphaBand) expect(Array.from(directory.getValue('ExtraSamples') ?? []).at(-1)).toBe(2);

      const raster = await image.readRasters({ interleave: true });
      expect(firstMismatch(raster as unknown as ArrayLike<number>, written.expected)).toBe(-1);

      if (nodata === undefined) expect(image.getGDALNoData()).toBeNull();
      else expect(Object.is(image.getGDALNoData(), nodata) || (Number.isNaN(nodata) && Number.isNaN(image.getGDALNoData()))).toBe(true);
      if (geo) {
        expect(epsgCodeFromGeoKeys(image.getGeoKeys())).toBe(geo.epsg);
        expect(image.getGeoKeys()?.GTRasterTypeGeoKey).toBe(1);
        expect(geoTransformOf(image, false)).toEqual(geo.geoTransform);
      } else {
        expect(image.getGeoKeys()).toBeNull();
      }
    });

    it('writes its tags in ascending order', () => {
      const tags = classicIfdTags(written.bytes);
      expect(tags).toEqual([...tags].sort((a, b) => a - b));
      expect(new Set(tags).size).toBe(tags.length);
    });

    (HAS_GDAL ? it : it.skip)('is read by GDAL with the same size, types, georeferencing, nodata, layout and values', async () => {
      const { bands, dtype, tileSize = 256, compression = 'deflate', geo, nodata } = testCase.options;
      const info = await gdalinfo(written.path);
      expect(info.size).toEqual([WIDTH, HEIGHT]);
      expect(info.bands).toHaveLength(bands);
      for (const [i, band] of info.bands.entries()) {
        expect(band.type).toBe(GDAL_TYPES[dtype]);
        expect(band.block).toEqual([tileSize, tileSize]);
        expect(band.colorInterpretation).toBe(testCase.colours[i]);
        if (nodata === undefined) expect(band.noDataValue).toBeUndefined();
        else expect(band.noDataValue).toEqual(Number.isNaN(nodata) ? 'NaN' : nodata);
        if (dtype === 'int8') expect(band.metadata.IMAGE_STRUCTURE.PIXELTYPE).toBe('SIGNEDBYTE');
      }
      // GDAL calls a single band's layout BAND whatever PlanarConfiguration says.
      expect(info.metadata.IMAGE_STRUCTURE.INTERLEAVE).toBe(bands > 1 ? 'PIXEL' : 'BAND');
      if (compression === 'deflate') {
        expect(info.metadata.IMAGE_STRUCTURE.COMPRESSION).toBe('DEFLATE');
        expect(info.metadata.IMAGE_STRUCTURE.PREDICTOR).toBe(dtype.startsWith('float') ? '3' : '2');
      } else {
        expect(info.metadata.IMAGE_STRUCTURE.COMPRESSION).toBeUndefined();
      }
      if (geo) {
        expect(info.geoTransform).toEqual(geo.geoTransform);
        expect(gdalEpsg(info)).toBe(geo.epsg);
        expect(info.metadata[''].AREA_OR_POINT).toBe('Area');
      } else {
        expect(info.geoTransform).toBeUndefined();
        expect(info.coordinateSystem).toBeUndefined();
      }

      const expectedBytes = Buffer.from(new Uint8Array(written.expected.buffer));
      expect((await gdalRaw(written.path)).equals(expectedBytes)).toBe(true);

      // Corners, tile edges and the partial edge tiles, through gdallocationinfo as a second reader.
      const inside = (x: number, y: number): [number, number] => [Math.min(x, WIDTH - 1), Math.min(y, HEIGHT - 1)];
      const points = [[0, 0], [WIDTH - 1, HEIGHT - 1], [WIDTH - 1, 0], [17, HEIGHT - 1], [150, 101], inside(tileSize, 0), inside(tileSize - 1, tileSize - 1), inside(tileSize, tileSize)];
      for (const [x, y] of points) {
        const values = await gdalValues(written.path, x, y);
        const expected = Array.from({ length: bands }, (_, b) => written.expected[(y * WIDTH + x) * bands + b]);
        // GDAL reads int8 as Byte in 3.6: compare the bit patterns.
        const comparable = dtype === 'int8' ? expected.map((v) => v & 0xff) : expected;
        if (dtype === 'float64') {
          values.forEach((value, b) => expect(value).toBeCloseTo(comparable[b], 6));
        } else if (dtype === 'float32') {
          values.forEach((value, b) => (Number.isNaN(comparable[b]) ? expect(value).toBeNaN() : expect(Math.fround(value)).toBe(comparable[b])));
        } else {
          expect(values).toEqual(comparable);
        }
      }
    });
  });

  it('writes a BigTIFF when forced, which geotiff.js and GDAL read like the classic one', async () => {
    const testCase = CASES.find((c) => c.options.dtype === 'int16')!;
    const written = await writeCase(testCase, { forceBigTiff: true });
    expect(Array.from(written.bytes.subarray(0, 4))).toEqual([0x49, 0x49, 43, 0]);
    const image = await openWithGeotiffJs(written.bytes);
    expect(firstMismatch((await image.readRasters({ interleave: true })) as unknown as ArrayLike<number>, written.expected)).toBe(-1);
    expect(geoTransformOf(image, false)).toEqual(UTM);
    if (!HAS_GDAL) return;
    const info = await gdalinfo(written.path);
    expect(info.size).toEqual([WIDTH, HEIGHT]);
    expect(info.geoTransform).toEqual(UTM);
    expect(gdalEpsg(info)).toBe(32633);
    expect(info.bands[0].noDataValue).toBe(-9999);
    expect(await gdalValues(written.path, 299, 199)).toEqual([written.expected[199 * WIDTH + 299]]);
  });

  it('writes an internal mask as GDAL does: the IFD after the image, 8-bit, NewSubfileType 4, Photometric mask', async () => {
    const directory = await scratchDir();
    const [width, height] = [40, 40];
    const options = { width, height, bands: 2, dtype: 'int16' as const, tileSize: 16, directory, mask: true, geo: { epsg: 32633, isGeographic: false, geoTransform: UTM } };
    const maskAt = (x: number, y: number) => ((x + y) % 3 === 0 ? 0 : 255);
    // Rows without their mask are refused (and the file given up).
    await expect((await GeoTiffWriter.create(options)).writeTileRow(0, new Int16Array(width * 16 * 2))).rejects.toThrow(GeoTiffWriterError);
    const writer = await GeoTiffWriter.create(options);
    for (const { y0, rows } of writer.tileRows()) {
      const mask = Uint8Array.from({ length: width * rows }, (_, i) => maskAt(i % width, y0 + Math.floor(i / width)));
      await writer.writeTileRow(y0, new Int16Array(width * rows * 2).fill(y0), mask);
    }
    const bytes = await readAll((await writer.finish()).stream);
    const tiff = await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(await tiff.getImageCount()).toBe(2);
    const maskImage = await tiff.getImage(1);
    const tags = ['NewSubfileType', 'PhotometricInterpretation', 'SamplesPerPixel'].map((tag) => maskImage.fileDirectory.getValue(tag as never));
    expect(tags).toEqual([4, 4, 1]);
    expect(maskImage.getBitsPerSample()).toBe(8);
    const [values] = (await maskImage.readRasters()) as unknown as ArrayLike<number>[];
    expect(Array.from(values)).toEqual(Array.from({ length: width * height }, (_, i) => maskAt(i % width, Math.floor(i / width))));
    if (!HAS_GDAL) return;
    const file = join(directory, 'masked.tif');
    await fs.writeFile(file, bytes);
    expect((await gdalinfo(file)).bands.map((band) => band.mask?.flags)).toEqual([['PER_DATASET'], ['PER_DATASET']]);
  });

  describe('temporary file', () => {
    const options = { width: 40, height: 40, bands: 1, dtype: 'uint8' as const, tileSize: 16 };

    async function finishedWriter(directory: string) {
      const writer = await GeoTiffWriter.create({ ...options, directory });
      for (const { y0, rows } of writer.tileRows()) await writer.writeTileRow(y0, new Uint8Array(40 * rows).fill(y0));
      return writer;
    }

    it('is private to this user while being written', async () => {
      const directory = await scratchDir();
      const writer = await GeoTiffWriter.create({ ...options, directory });
      const [name] = readdirSync(directory);
      expect(statSync(join(directory, name)).mode & 0o777).toBe(0o600);
      await writer.abort();
      expect(readdirSync(directory)).toEqual([]);
    });

    it('is deleted once the stream has been read to the end', async () => {
      const directory = await scratchDir();
      const { stream, size } = await (await finishedWriter(directory)).finish();
      expect(readdirSync(directory)).toHaveLength(1);
      expect((await readAll(stream)).length).toBe(size);
      await waitUntilEmpty(directory);
    });

    it('is deleted when the stream is destroyed before being read', async () => {
      const directory = await scratchDir();
      const { stream } = await (await finishedWriter(directory)).finish();
      stream.destroy();
      await waitUntilEmpty(directory);
    });

    it('is deleted when the writer is aborted, and the writer refuses further rows', async () => {
      const directory = await scratchDir();
      const writer = await finishedWriter(directory);
      await writer.abort();
      await writer.abort();
      expect(readdirSync(directory)).toEqual([]);
      await expect(writer.finish()).rejects.toThrow(GeoTiffWriterError);
    });

    it('is deleted when rows come out of order, with a typed error', async () => {
      const directory = await scratchDir();
      const writer = await GeoTiffWriter.create({ ...options, directory });
      await writer.writeTileRow(0, new Uint8Array(40 * 16));
      await expect(writer.writeTileRow(32, new Uint8Array(40 * 8))).rejects.toThrow(/Expected the row of tiles at y=16/);
      expect(readdirSync(directory)).toEqual([]);
    });

    it('survives an overlapping call, which is refused without harming the image', async () => {
      const directory = await scratchDir();
      const writer = await GeoTiffWriter.create({ ...options, directory });
      const first = writer.writeTileRow(0, new Uint8Array(40 * 16));
      await expect(writer.writeTileRow(16, new Uint8Array(40 * 16))).rejects.toThrow(/busy/);
      await first;
      await writer.writeTileRow(16, new Uint8Array(40 * 16));
      await writer.writeTileRow(32, new Uint8Array(40 * 8));
      const { stream, size } = await writer.finish();
      const image = await openWithGeotiffJs(await readAll(stream));
      expect([image.getWidth(), image.getHeight(), size > 0]).toEqual([40, 40, true]);
      await waitUntilEmpty(directory);
    });

    it('is deleted when finishing before every row is written', async () => {
      const directory = await scratchDir();
      const writer = await GeoTiffWriter.create({ ...options, directory });
      await writer.writeTileRow(0, new Uint8Array(40 * 16));
      await expect(writer.finish()).rejects.toThrow(/Only 16 of 40 rows/);
      expect(readdirSync(directory)).toEqual([]);
    });
  });

  describe('options', () => {
    const base = { width: 10, height: 10, bands: 1, dtype: 'uint8' as const };
    it.each([
      [{ ...base, tileSize: 100 }, /multiple of 16/],
      [{ ...base, width: 0 }, /width must be an integer/],
      [{ ...base, alphaBand: true }, /cannot hold 1 minisblack channel\(s\) and an alpha band/],
      [{ ...base, bands: 2, photometric: 'rgb' as const }, /cannot hold 3 rgb/],
      [{ ...base, nodata: -1 }, /not a uint8 value/],
      [{ ...base, nodata: 1.5 }, /not a uint8 value/],
      [{ ...base, geo: { epsg: 4326, isGeographic: true, geoTransform: [0, 1, 0, 0, 0, 0] as GeoTransform } }, /not an invertible/],
      [{ ...base, geo: { epsg: 102100, isGeographic: false, geoTransform: UTM } }, /cannot be written as a GeoTIFF key/],
    ])('refuses %o', async (options, message) => {
      const directory = await scratchDir();
      await expect(GeoTiffWriter.create({ ...options, directory })).rejects.toThrow(message);
      expect(existsSync(directory) && readdirSync(directory)).toEqual([]);
    });
  });
});
