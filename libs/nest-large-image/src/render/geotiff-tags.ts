import type { GeoTransform } from '../tiff/raster-source';
import type { GeoTiffGeoreference, GeoTiffLayout } from './geotiff-writer-options';
import { TiffEntry, TiffType } from './tiff-encoding';

/** Where the tiles went, in TIFF tile order (left to right, then top to bottom). */
export interface TileIndex {
  offsets: number[];
  byteCounts: number[];
}

const TAG = {
  NewSubfileType: 254,
  ImageWidth: 256,
  ImageLength: 257,
  BitsPerSample: 258,
  Compression: 259,
  Photometric: 262,
  SamplesPerPixel: 277,
  PlanarConfiguration: 284,
  Predictor: 317,
  TileWidth: 322,
  TileLength: 323,
  TileOffsets: 324,
  TileByteCounts: 325,
  ExtraSamples: 338,
  SampleFormat: 339,
  ModelPixelScale: 33550,
  ModelTiepoint: 33922,
  ModelTransformation: 34264,
  GeoKeyDirectory: 34735,
  GdalNodata: 42113,
} as const;

const COMPRESSION = { none: 1, deflate: 8 } as const; // 8 = Adobe Deflate (zlib stream), what GDAL writes
const PHOTOMETRIC = { minisblack: 1, rgb: 2 } as const;
const PHOTOMETRIC_MASK = 4; // TIFF's transparency mask, how GDAL marks an internal mask
const SUBFILE_MASK = 4; // NewSubfileType bit 2: a transparency mask of the image before it
const PLANAR_CONTIGUOUS = 1; // pixel-interleaved samples

/** GeoTIFF 1.0 key ids and values (OGC GeoTIFF standard, annex B). */
const GEO_KEY = { GTModelType: 1024, GTRasterType: 1025, GeographicType: 2048, ProjectedCSType: 3072 } as const;
const MODEL_PROJECTED = 1;
const MODEL_GEOGRAPHIC = 2;
const RASTER_PIXEL_IS_AREA = 1;
/** Directory header: KeyDirectoryVersion 1, KeyRevision 1.0, then the number of keys. */
const GEO_KEY_DIRECTORY_VERSION = [1, 1, 0];

/** Every tag of the image's IFD (the encoder sorts them by tag number). */
export function geoTiffEntries(layout: GeoTiffLayout, tiles: TileIndex, bigTiff: boolean): TiffEntry[] {
  const { bands, sample } = layout;
  const offsetType = bigTiff ? TiffType.LONG8 : TiffType.LONG;
  const perBand = (value: number) => new Array<number>(bands).fill(value);
  const entries: TiffEntry[] = [
    { tag: TAG.ImageWidth, type: TiffType.LONG, value: [layout.width] },
    { tag: TAG.ImageLength, type: TiffType.LONG, value: [layout.height] },
    { tag: TAG.BitsPerSample, type: TiffType.SHORT, value: perBand(sample.bytes * 8) },
    { tag: TAG.Compression, type: TiffType.SHORT, value: [COMPRESSION[layout.compression]] },
    { tag: TAG.Photometric, type: TiffType.SHORT, value: [PHOTOMETRIC[layout.photometric]] },
    { tag: TAG.SamplesPerPixel, type: TiffType.SHORT, value: [bands] },
    { tag: TAG.PlanarConfiguration, type: TiffType.SHORT, value: [PLANAR_CONTIGUOUS] },
    { tag: TAG.TileWidth, type: TiffType.LONG, value: [layout.tileSize] },
    { tag: TAG.TileLength, type: TiffType.LONG, value: [layout.tileSize] },
    { tag: TAG.TileOffsets, type: offsetType, value: tiles.offsets },
    { tag: TAG.TileByteCounts, type: offsetType, value: tiles.byteCounts },
    { tag: TAG.SampleFormat, type: TiffType.SHORT, value: perBand(sample.sampleFormat) },
  ];
  if (layout.predictor !== 1) entries.push({ tag: TAG.Predictor, type: TiffType.SHORT, value: [layout.predictor] });
  // Bands beyond the colour channels must be declared, or libtiff warns that SamplesPerPixel does not add up.
  if (layout.extraSamples.length > 0) entries.push({ tag: TAG.ExtraSamples, type: TiffType.SHORT, value: layout.extraSamples });
  if (layout.geo) entries.push(...georeferenceEntries(layout.geo));
  if (layout.nodata !== null) entries.push({ tag: TAG.GdalNodata, type: TiffType.ASCII, value: gdalNodataText(layout.nodata) });
  return entries;
}

/**
 * The tags of the internal mask's IFD, for the mask's layout (see maskLayout): GDAL takes it as the mask of
 * every band of the image before it.
 */
export function maskEntries(maskLayout: GeoTiffLayout, tiles: TileIndex, bigTiff: boolean): TiffEntry[] {
  const image = geoTiffEntries(maskLayout, tiles, bigTiff).filter((entry) => entry.tag !== TAG.Photometric);
  return [
    { tag: TAG.NewSubfileType, type: TiffType.LONG, value: [SUBFILE_MASK] },
    { tag: TAG.Photometric, type: TiffType.SHORT, value: [PHOTOMETRIC_MASK] },
    ...image,
  ];
}

function georeferenceEntries({ epsg, isGeographic, geoTransform }: GeoTiffGeoreference): TiffEntry[] {
  const keys: Array<[number, number]> = [
    [GEO_KEY.GTModelType, isGeographic ? MODEL_GEOGRAPHIC : MODEL_PROJECTED],
    [GEO_KEY.GTRasterType, RASTER_PIXEL_IS_AREA],
    [isGeographic ? GEO_KEY.GeographicType : GEO_KEY.ProjectedCSType, epsg],
  ];
  // Each key: id, TIFFTagLocation 0 (the value is in the entry), count 1, value.
  const directory = [...GEO_KEY_DIRECTORY_VERSION, keys.length, ...keys.flatMap(([id, value]) => [id, 0, 1, value])];
  return [...transformEntries(geoTransform), { tag: TAG.GeoKeyDirectory, type: TiffType.SHORT, value: directory }];
}

/**
 * North-up transforms as tiepoint + pixel scale (what every reader understands), anything else (rotation,
 * shear, south-up) as the full ModelTransformation matrix, as GDAL does.
 */
function transformEntries(gt: GeoTransform): TiffEntry[] {
  const [x0, xx, xy, y0, yx, yy] = gt;
  if (xy === 0 && yx === 0 && xx > 0 && yy < 0) {
    return [
      { tag: TAG.ModelPixelScale, type: TiffType.DOUBLE, value: [xx, -yy, 0] },
      { tag: TAG.ModelTiepoint, type: TiffType.DOUBLE, value: [0, 0, 0, x0, y0, 0] },
    ];
  }
  const matrix = [xx, xy, 0, x0, yx, yy, 0, y0, 0, 0, 0, 0, 0, 0, 0, 1];
  return [{ tag: TAG.ModelTransformation, type: TiffType.DOUBLE, value: matrix }];
}

/** The text GDAL parses back to the same double: JavaScript's shortest round-trip form, and nan/inf as C prints them. */
function gdalNodataText(nodata: number): string {
  if (Number.isNaN(nodata)) return 'nan';
  if (!Number.isFinite(nodata)) return nodata > 0 ? 'inf' : '-inf';
  return String(nodata);
}
