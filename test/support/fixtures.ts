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
