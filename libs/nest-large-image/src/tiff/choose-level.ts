import type { LevelShape } from './sample-plan';

/**
 * Index of the level to read for an output whose pixels are `ratio` full-resolution pixels wide.
 * This is gdalwarp's `-ovr AUTO` rule: the coarsest level that is still at least as fine as the output
 * (with GDAL's 0.1 tolerance), so our nearest-neighbour tiles sample the same pixels GDAL does.
 */
export function chooseLevel(levels: LevelShape[], ratio: number): number {
  // GDAL only considers overviews when the output is coarser than full resolution.
  if (ratio <= 1) return 0;
  const fullWidth = levels[0].width;
  const ratioOf = (index: number) => fullWidth / levels[index].width;
  let index = 0;
  for (; index < levels.length - 1; index++) {
    const here = ratioOf(index);
    const next = ratioOf(index + 1);
    if (here < ratio && next > ratio) break;
    if (Math.abs(here - ratio) < 0.1) break;
  }
  return index;
}
