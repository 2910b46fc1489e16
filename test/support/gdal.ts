import { execFileSync } from 'node:child_process';

/** True when GDAL's command-line tools are installed (CI installs gdal-bin; a laptop may not have it). */
export const HAS_GDAL = (() => {
  try {
    execFileSync('gdalinfo', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** `gdalinfo -json` of a file. */
export function gdalinfo(file: string): GdalInfoJson {
  return JSON.parse(execFileSync('gdalinfo', ['-json', file], { encoding: 'utf8' })) as GdalInfoJson;
}

export interface GdalInfoJson {
  size: [number, number];
  geoTransform?: number[];
  coordinateSystem?: { wkt: string };
  stac?: { 'proj:epsg'?: number };
  bands: Array<{ type: string; noDataValue?: number; block: [number, number]; colorInterpretation?: string; mask?: { flags: string[] } }>;
  metadata?: Record<string, Record<string, string>>;
}
