import type { Raster } from '../tiff/sample-level';
import type { DType } from '../tiff/raster-source';

/**
 * large_image's default look, as RGBA bytes: 3+ band uint8 shown as RGB, one band as grey stretched to its
 * [min, max], other types scaled per band by their [min, max]; no-data pixels transparent.
 */
export function defaultStyle(raster: Raster, dtype: DType, ranges: Array<[number, number]>, alphaBand: number | null): Buffer {
  const { width, height, bands, values, alpha } = raster;
  const colourBands = bands - (alphaBand === null ? 0 : 1);
  const channels = colourBands >= 3 ? [0, 1, 2] : [0, 0, 0];
  const stretch = colourBands < 3 || dtype !== 'uint8';
  const scale = channels.map((band) => {
    const [min, max] = ranges[band] ?? [0, 255];
    return max > min ? { min, factor: 255 / (max - min) } : { min, factor: 0 };
  });
  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    if (alpha[i] === 0) continue;
    for (let c = 0; c < 3; c++) {
      const value = values[i * bands + channels[c]];
      rgba[i * 4 + c] = stretch ? clampByte((value - scale[c].min) * scale[c].factor) : value;
    }
    rgba[i * 4 + 3] = alpha[i];
  }
  return rgba;
}

function clampByte(value: number): number {
  return value <= 0 ? 0 : value >= 255 ? 255 : Math.round(value);
}
