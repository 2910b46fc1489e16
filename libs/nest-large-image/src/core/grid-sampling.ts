import { RunSink, approximateRun } from '../geo/approx-transform';
import { warpChunks } from '../geo/warp-chunks';
import { PointTransform, transformBetween } from '../geo/crs';
import { chooseLevel } from '../tiff/choose-level';
import { invertGeoTransform, levelGeoTransform } from '../tiff/geotransform';
import type { RasterSource } from '../tiff/raster-source';
import { LevelShape, PlanArrays, SamplePlan, SamplePlanBuilder, borrowPlanArrays } from '../tiff/sample-plan';
import type { OutputGrid, PixelGrid, ProjectedGrid } from './output-grid';

/**
 * Which level to read and, for every output pixel, the block of that level it takes its value from and
 * where in the block (see SamplePlan). A pixel centre at fractional level coordinates (x, y) takes the
 * level pixel it falls in, floored as GDAL's nearest kernel does (SamplePlanBuilder.addRun).
 */
export interface GridSampling {
  levelIndex: number;
  plan: SamplePlan;
  width: number;
  height: number;
  /** The fractional level coordinates of every pixel centre (NaN where none), when they were asked for. */
  coordinates?: Float64Array;
}

/** What sampling needs to know of an image: plain data, so a sampling thread can be sent it. */
export type SamplingGeometry = Pick<RasterSource, 'width' | 'height' | 'crs' | 'geoTransform'>;

/**
 * Plans how to sample `levels` (one frame's pyramid) for every pixel of `grid`, on this thread (the
 * SamplingPlanner moves large grids to worker threads). With `withCoordinates` it also keeps the
 * fractional coordinates, which tell how close each pixel centre fell to a pixel edge.
 * The plan's arrays are borrowed: give them back with releasePlan once nothing reads them.
 */
export function gridSampling(raster: SamplingGeometry, levels: LevelShape[], grid: OutputGrid, withCoordinates = false): GridSampling {
  const coordinates = withCoordinates ? new Float64Array(grid.width * grid.height * 2).fill(NaN) : undefined;
  return planGridSampling(raster, levels, grid, borrowPlanArrays(grid.width * grid.height), coordinates);
}

/** gridSampling into the given plan arrays (the part a sampling thread runs). */
export function planGridSampling(raster: SamplingGeometry, levels: LevelShape[], grid: OutputGrid, arrays: PlanArrays, coordinates?: Float64Array): GridSampling {
  return grid.kind === 'pixel' ? pixelSampling(raster, levels, grid, arrays, coordinates) : projectedSampling(raster, levels, grid, arrays, coordinates);
}

/**
 * Pixel-space sampling: the coarsest level at least as fine as the output, sampled at output pixel
 * centres (large_image's nearest-neighbour pyramid).
 */
function pixelSampling(raster: SamplingGeometry, levels: LevelShape[], grid: PixelGrid, arrays: PlanArrays, coordinates?: Float64Array): GridSampling {
  const levelIndex = chooseLevel(levels, Math.min(grid.scaleX, grid.scaleY));
  const level = levels[levelIndex];
  const toLevelX = level.width / raster.width;
  const toLevelY = level.height / raster.height;
  const { width, height } = grid;
  const plan = new SamplePlanBuilder(level, arrays);
  const window = { left: 0, top: 0, right: level.width, bottom: level.height };
  // Every row is one run: the columns' level coordinates are the same on every row, only y changes.
  const x0 = (grid.left + 0.5 * grid.scaleX) * toLevelX;
  const dx = grid.scaleX * toLevelX;
  for (let row = 0; row < height; row++) {
    const y = (grid.top + (row + 0.5) * grid.scaleY) * toLevelY;
    plan.addRun(row * width, width, x0, dx, y, 0, window);
    if (!coordinates) continue;
    for (let col = 0, i = row * width; col < width; col++, i++) {
      coordinates[2 * i] = x0 + dx * col;
      coordinates[2 * i + 1] = y;
    }
  }
  return { levelIndex, plan: plan.build(), width, height, coordinates };
}

/**
 * Reprojected sampling, as `gdalwarp -r near` does it: the overview `-ovr AUTO` picks, the output cut
 * into gdalwarp's chunks, and in each chunk GDAL's approximate transformer from output pixel centres to
 * that overview's pixels, line by line; pixels outside every chunk or its source window stay empty.
 */
function projectedSampling(raster: SamplingGeometry, levels: LevelShape[], grid: ProjectedGrid, arrays: PlanArrays, coordinates?: Float64Array): GridSampling {
  const { crs, geoTransform } = raster;
  if (!crs || !geoTransform) throw new Error('projected sampling needs a georeferenced raster');
  const toSource = wrappedToImage(transformBetween(grid.crs, crs), raster);
  const levelIndex = chooseLevel(levels, sourceColumnsPerOutputColumn(grid, toSource, invertGeoTransform(geoTransform)));
  const level = levels[levelIndex];
  const toPixel = invertGeoTransform(levelGeoTransform(geoTransform, raster.width, raster.height, level.width, level.height));
  const exact = (col: number, row: number) => toPixel(...toSource(grid.xmin + col * grid.resX, grid.ymax - row * grid.resY));
  const { width, height } = grid;
  const plan = new SamplePlanBuilder(level, arrays);
  for (const chunk of warpChunks(exact, width, height, level.width, level.height)) {
    const { xOff, yOff, xSize, ySize } = chunk.source;
    // Windows lie within the level already; the bounds are restated because the plan relies on them.
    const window = { left: xOff, top: yOff, right: Math.min(xOff + xSize, level.width), bottom: Math.min(yOff + ySize, level.height) };
    let rowStart = 0;
    const addRun: RunSink = (column, count, x0, dx, y0, dy) => {
      plan.addRun(rowStart + column, count, x0, dx, y0, dy, window);
      if (!coordinates) return;
      for (let k = 0, i = rowStart + column; k < count; k++, i++) {
        if (!plan.has(i)) continue;
        coordinates[2 * i] = x0 + dx * k;
        coordinates[2 * i + 1] = y0 + dy * k;
      }
    };
    for (let row = chunk.y; row < chunk.y + chunk.height; row++) {
      rowStart = row * width;
      approximateRun(addRun, chunk.x, chunk.width, row + 0.5, exact);
    }
  }
  return { levelIndex, plan: plan.build(), width, height, coordinates };
}

/** Rounding in the inverse projection puts the map's edge a hair past 180 degrees; that is not a wrap. */
const WRAP_TOLERANCE_DEGREES = 1e-9;

/**
 * For an image in longitude/latitude, longitudes are brought within 180 degrees of the image's centre, as
 * GDAL's transformer does (CENTER_LONG): an image from 170 to 190 degrees east also shows west of -170.
 */
function wrappedToImage(toSource: PointTransform, raster: SamplingGeometry): PointTransform {
  if (!raster.crs!.isGeographic) return toSource;
  const gt = raster.geoTransform!;
  const centre = gt[0] + (raster.width / 2) * gt[1] + (raster.height / 2) * gt[2];
  return (x, y) => {
    const [longitude, latitude] = toSource(x, y);
    if (longitude < centre - 180 - WRAP_TOLERANCE_DEGREES) return [longitude + 360, latitude];
    if (longitude > centre + 180 + WRAP_TOLERANCE_DEGREES) return [longitude - 360, latitude];
    return [longitude, latitude];
  };
}

/**
 * The ratio gdalwarp (GDAL 3.6) picks the overview by when the output's bounds and size are given (`-te`
 * and `-ts`): the full-resolution source columns spanned by a 10 x 10 grid of output points, edges included,
 * per output column. Points the transform cannot place are left out.
 */
function sourceColumnsPerOutputColumn(grid: ProjectedGrid, toSource: PointTransform, toPixel: PointTransform): number {
  const STEPS = 9;
  let min = Infinity;
  let max = -Infinity;
  for (let ix = 0; ix <= STEPS; ix++) {
    for (let iy = 0; iy <= STEPS; iy++) {
      const [column] = toPixel(...toSource(grid.xmin + ((grid.width * ix) / STEPS) * grid.resX, grid.ymax - ((grid.height * iy) / STEPS) * grid.resY));
      if (!Number.isFinite(column)) continue;
      min = Math.min(min, column);
      max = Math.max(max, column);
    }
  }
  return max > min ? (max - min) / grid.width : 0;
}
