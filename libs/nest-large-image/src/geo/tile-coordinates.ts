import type { RasterSource } from '../tiff/raster-source';
import { invertGeoTransform, levelGeoTransform } from '../tiff/geotransform';
import { chooseLevel } from '../tiff/choose-level';
import { approximateGrid } from './approx-transform';
import { WEB_MERCATOR, transformBetween } from './crs';
import { suggestedResolution } from './footprint';
import { tileBounds3857 } from './web-mercator';

/** Which level to read and, for every output pixel, where it falls in that level (fractional pixels). */
export interface TileSampling {
  levelIndex: number;
  coords: Float64Array;
  width: number;
  height: number;
}

/**
 * Sampling plan for an XYZ EPSG:3857 tile: the level gdalwarp would pick for this output resolution,
 * and the approximate (GDAL-style) inverse transform of every output pixel centre into that level.
 */
export function mercatorTileSampling(raster: RasterSource, z: number, x: number, y: number, tileSize: number): TileSampling {
  const { crs, geoTransform } = raster;
  if (!crs || !geoTransform) throw new Error('mercatorTileSampling needs a georeferenced raster');
  const [xmin, , xmax, ymax] = tileBounds3857(z, x, y, tileSize);
  const outputResolution = (xmax - xmin) / tileSize;
  const nativeResolution = suggestedResolution(geoTransform, raster.width, raster.height, crs, WEB_MERCATOR);
  const levelIndex = chooseLevel(raster.levels, outputResolution / nativeResolution);
  const level = raster.levels[levelIndex];
  const toSource = transformBetween(WEB_MERCATOR, crs);
  const toPixel = invertGeoTransform(levelGeoTransform(geoTransform, raster.width, raster.height, level.width, level.height));
  const coords = approximateGrid(tileSize, tileSize, (col, row) =>
    toPixel(...toSource(xmin + col * outputResolution, ymax - row * outputResolution)),
  );
  return { levelIndex, coords, width: tileSize, height: tileSize };
}

/**
 * Sampling plan for a tile of large_image's native pixel pyramid: level z of `levels` covers
 * tileSize * 2^(levels-1-z) base pixels per tile; edge tiles are cropped to the image.
 */
export function pixelTileSampling(raster: RasterSource, z: number, x: number, y: number, tileSize: number, levels: number): TileSampling {
  const scale = 2 ** (levels - 1 - z);
  const left = x * tileSize * scale;
  const top = y * tileSize * scale;
  const width = Math.min(tileSize, Math.ceil((raster.width - left) / scale));
  const height = Math.min(tileSize, Math.ceil((raster.height - top) / scale));
  const levelIndex = chooseLevel(raster.levels, scale);
  const level = raster.levels[levelIndex];
  const scaleX = level.width / raster.width;
  const scaleY = level.height / raster.height;
  const coords = new Float64Array(width * height * 2);
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const i = 2 * (row * width + col);
      coords[i] = (left + (col + 0.5) * scale) * scaleX;
      coords[i + 1] = (top + (row + 0.5) * scale) * scaleY;
    }
  }
  return { levelIndex, coords, width, height };
}
