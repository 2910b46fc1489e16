import { tmpdir } from 'os';
import type { DType, GeoTransform } from '../tiff/raster-source';
import { GeoTiffWriterError } from './geotiff-writer.errors';
import type { TiffPredictor } from './tiff-predictor';
import { TIFF_SAMPLE_TYPES, TiffSampleType } from './tiff-sample-types';

/** Where the image sits on the earth: an EPSG CRS and the GDAL geotransform of pixel corners (PixelIsArea). */
export interface GeoTiffGeoreference {
  epsg: number;
  isGeographic: boolean;
  geoTransform: GeoTransform;
}

export interface GeoTiffWriterOptions {
  width: number;
  height: number;
  bands: number;
  dtype: DType;
  /** Tile width and height; TIFF wants a multiple of 16. Default 256. */
  tileSize?: number;
  /** Default: rgb for 3+ uint8 colour bands, else minisblack. */
  photometric?: 'rgb' | 'minisblack';
  /** The last band is unassociated alpha (ExtraSamples = 2). */
  alphaBand?: boolean;
  /** Default deflate, with a predictor (horizontal differencing for integers, floating point for floats). */
  compression?: 'deflate' | 'none';
  /** Absent: a plain tiled TIFF without georeferencing. */
  geo?: GeoTiffGeoreference;
  /** Written as GDAL_NODATA (tag 42113). */
  nodata?: number | null;
  /** Where the temporary file is built. Default: the OS temp directory. */
  directory?: string;
  /** Write a BigTIFF even when a classic TIFF would do (chosen automatically past 4 GiB). */
  forceBigTiff?: boolean;
  /**
   * Also write a GDAL internal mask (an 8-bit IFD after the image's, 0 = no data), as gdal_translate copies
   * a file's mask: each row of tiles then comes with its mask values.
   */
  mask?: boolean;
}

/** The options checked and completed: everything the tags and tiles are derived from. */
export interface GeoTiffLayout {
  width: number;
  height: number;
  bands: number;
  dtype: DType;
  sample: TiffSampleType;
  tileSize: number;
  tilesAcross: number;
  tilesDown: number;
  photometric: 'rgb' | 'minisblack';
  /** ExtraSamples values for the bands beyond the colour channels: 0 unspecified, 2 unassociated alpha. */
  extraSamples: number[];
  compression: 'deflate' | 'none';
  predictor: TiffPredictor;
  geo?: GeoTiffGeoreference;
  nodata: number | null;
  directory: string;
  forceBigTiff: boolean;
  mask: boolean;
}

const DEFAULT_TILE_SIZE = 256;
const UNSPECIFIED_SAMPLE = 0;
const UNASSOCIATED_ALPHA = 2;

export function resolveLayout(options: GeoTiffWriterOptions): GeoTiffLayout {
  const { width, height, bands, dtype } = options;
  requireCount('width', width, Number.MAX_SAFE_INTEGER);
  requireCount('height', height, Number.MAX_SAFE_INTEGER);
  requireCount('bands', bands, 0xffff);
  const sample = TIFF_SAMPLE_TYPES[dtype];
  if (!sample) throw new GeoTiffWriterError(`dtype '${dtype}' cannot be written`);
  const tileSize = options.tileSize ?? DEFAULT_TILE_SIZE;
  requireCount('tileSize', tileSize, 0xffff);
  if (tileSize % 16 !== 0) throw new GeoTiffWriterError(`tileSize must be a multiple of 16 (TIFF 6.0), not ${tileSize}`);

  const alpha = options.alphaBand ?? false;
  const photometric = options.photometric ?? (bands - (alpha ? 1 : 0) >= 3 && dtype === 'uint8' ? 'rgb' : 'minisblack');
  const colourChannels = photometric === 'rgb' ? 3 : 1;
  const extraCount = bands - colourChannels;
  if (extraCount < (alpha ? 1 : 0)) {
    throw new GeoTiffWriterError(`${bands} band(s) cannot hold ${colourChannels} ${photometric} channel(s)${alpha ? ' and an alpha band' : ''}`);
  }
  const extraSamples = Array.from({ length: extraCount }, (_, i) => (alpha && i === extraCount - 1 ? UNASSOCIATED_ALPHA : UNSPECIFIED_SAMPLE));

  const compression = options.compression ?? 'deflate';
  const predictor: TiffPredictor = compression === 'none' ? 1 : sample.sampleFormat === 3 ? 3 : 2;
  const nodata = options.nodata ?? null;
  if (nodata !== null) requireNodata(nodata, dtype, sample);
  if (options.geo) requireGeoreference(options.geo);

  return {
    width,
    height,
    bands,
    dtype,
    sample,
    tileSize,
    tilesAcross: Math.ceil(width / tileSize),
    tilesDown: Math.ceil(height / tileSize),
    photometric,
    extraSamples,
    compression,
    predictor,
    geo: options.geo,
    nodata,
    directory: options.directory ?? tmpdir(),
    forceBigTiff: options.forceBigTiff ?? false,
    mask: options.mask ?? false,
  };
}

/**
 * The layout of the mask's tiles: a byte per pixel (0 no data, 255 data), deflated without a predictor,
 * with no georeferencing of its own (it is the image's).
 */
export function maskLayout(layout: GeoTiffLayout): GeoTiffLayout {
  return { ...layout, bands: 1, dtype: 'uint8', sample: TIFF_SAMPLE_TYPES.uint8, photometric: 'minisblack', extraSamples: [], predictor: 1, geo: undefined, nodata: null, mask: false };
}

function requireCount(name: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new GeoTiffWriterError(`${name} must be an integer from 1 to ${max}, not ${value}`);
  }
}

/** GDAL ignores (with a warning) a no-data value its band type cannot hold: refuse it here instead. */
function requireNodata(nodata: number, dtype: DType, sample: TiffSampleType): void {
  const isFloat = sample.sampleFormat === 3;
  if (!isFloat && !(Number.isInteger(nodata) && nodata >= sample.min && nodata <= sample.max)) {
    throw new GeoTiffWriterError(`No-data value ${nodata} is not a ${dtype} value`);
  }
}

function requireGeoreference({ epsg, geoTransform: gt }: GeoTiffGeoreference): void {
  // Geokey values are SHORTs.
  if (!Number.isInteger(epsg) || epsg < 1 || epsg > 0xffff) {
    throw new GeoTiffWriterError(`EPSG code ${epsg} cannot be written as a GeoTIFF key`);
  }
  if (gt.length !== 6 || !gt.every(Number.isFinite) || gt[1] * gt[5] - gt[2] * gt[4] === 0) {
    throw new GeoTiffWriterError(`Geotransform [${gt.join(', ')}] is not an invertible affine transform`);
  }
}
