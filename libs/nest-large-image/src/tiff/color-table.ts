import type { RasterSource } from './raster-source';

export type ColorTableEntry = [number, number, number, number];

const MINISWHITE = 0;
const MINISBLACK = 1;

/** A one-band, one-bit grey image: GDAL shows it as a palette band of black and white. */
export function isBilevel(raster: RasterSource): boolean {
  return raster.photometric <= MINISBLACK && raster.bandCount === 1 && raster.levels[0].image.getBitsPerSample(0) === 1;
}

/**
 * The colour table of a palette band as GDAL reports it: the TIFF ColorMap's 16-bit entries / 257 with
 * opaque alpha; for a bilevel image, black and white (white first when 0 is white).
 */
export async function colorTable(raster: RasterSource): Promise<ColorTableEntry[] | undefined> {
  const map = (await raster.levels[0].image.fileDirectory.loadValue('ColorMap').catch(() => undefined)) as ArrayLike<number> | undefined;
  if (!map?.length) {
    if (!isBilevel(raster)) return undefined;
    const [black, white]: ColorTableEntry[] = [
      [0, 0, 0, 255],
      [255, 255, 255, 255],
    ];
    return raster.photometric === MINISWHITE ? [white, black] : [black, white];
  }
  const count = map.length / 3;
  return Array.from({ length: count }, (_, i) => [Math.floor(map[i] / 257), Math.floor(map[count + i] / 257), Math.floor(map[2 * count + i] / 257), 255]);
}
