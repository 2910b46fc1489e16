import { BadParameterError } from '../errors/large-image.errors';
import type { RasterLevel, RasterSource } from '../tiff/raster-source';

/** The pyramid of frame `frame` (0-based), with a 400 naming the valid range when there is no such frame. */
export function frameLevels(raster: RasterSource, frame = 0): RasterLevel[] {
  const count = raster.frames.length;
  if (!Number.isInteger(frame) || frame < 0 || frame >= count) {
    throw new BadParameterError(`frame ${frame} does not exist: this image has ${count} frame(s), numbered 0 to ${count - 1}`);
  }
  return raster.frames[frame].levels;
}
