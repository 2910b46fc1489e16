import { isBilevel } from './color-table';
import type { RasterSource } from './raster-source';

const PALETTE = 3;
const RGB_PHOTOMETRICS = [2, 6];

/** GDAL-style colour interpretation of each band (0-based), as large_image reports it. */
export function bandInterpretations(raster: RasterSource): string[] {
  return Array.from({ length: raster.bandCount }, (_, band) => {
    if (band === raster.alphaBand) return 'alpha';
    if (raster.photometric === PALETTE || isBilevel(raster)) return 'palette';
    if (RGB_PHOTOMETRICS.includes(raster.photometric) && band < 3) return ['red', 'green', 'blue'][band];
    if (raster.photometric <= 1 && band === 0) return 'gray';
    return 'undefined';
  });
}
