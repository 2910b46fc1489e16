import { readFileSync } from 'node:fs';
import path from 'node:path';

export const FIXTURES_DIR = path.resolve(__dirname, '../fixtures');

export interface ReferenceTile {
  fixture: string;
  z: number;
  x: number;
  y: number;
  kind: 'coarse' | 'mid' | 'native' | 'edge';
  bounds3857: [number, number, number, number];
  file: string;
}

export interface Manifest {
  tiles: ReferenceTile[];
  fixtures: Record<string, { pixelSizeMeters: number; levels3857: number }>;
}

/** What test/fixtures/generate.sh recorded from GDAL. */
export function loadManifest(): Manifest {
  return JSON.parse(readFileSync(path.join(FIXTURES_DIR, 'ref/manifest.json'), 'utf8')) as Manifest;
}

export function loadGdalInfo(fixture: string): GdalInfo {
  return JSON.parse(readFileSync(path.join(FIXTURES_DIR, `${fixture.replace(/\.tif$/, '')}.gdalinfo.json`), 'utf8')) as GdalInfo;
}

export interface GdalInfo {
  size: [number, number];
  bands: Array<{ band: number; type: string; noDataValue?: number; overviews?: unknown[] }>;
  wgs84Extent?: { coordinates: number[][][] };
  geoTransform?: number[];
  coordinateSystem?: { wkt: string };
}

/** What tools/reference-data.py recorded from GDAL and numpy for one fixture. */
export interface DataReference {
  frames: Array<{ bands: BandReference[] }>;
  points: Array<{ pixel: [number, number]; values: number[]; lonlat?: [number, number]; lonlatValues?: number[] }>;
  regions: Array<{ units: string; left: number; top: number; right: number; bottom: number; file: string }>;
}

export interface BandReference {
  min: number;
  max: number;
  mean: number;
  stdev: number;
  samples: number;
  histogram: { bins: number; hist: number[]; bin_edges: number[] };
  customHistogram: { bins: number; range: [number, number]; hist: number[]; bin_edges: number[] };
}

export function loadDataReference(fixture: string): DataReference {
  return JSON.parse(readFileSync(path.join(FIXTURES_DIR, `${fixture.replace(/\.tif$/, '')}.reference.json`), 'utf8')) as DataReference;
}

/** Every fixture tools/reference-data.py describes. */
export const DATA_FIXTURES = [
  'rgb-utm-jpeg.tif',
  'rgb-utm-deflate.tif',
  'float32-4326-nodata.tif',
  'rgba-alpha-deflate.tif',
  'rgb-mask-jpeg.tif',
  'rgb-strips-27700.tif',
  'uint16-4band.tif',
  'int16-nodata.tif',
  'palette-4326.tif',
  'multiframe-4326.tif',
  'pyramid-nongeo.tif',
];
