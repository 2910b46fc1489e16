import type { PixelTransform } from './approx-transform';

/** A window of source pixels: `[xOff, xOff + xSize) x [yOff, yOff + ySize)`. */
export interface SourceWindow {
  xOff: number;
  yOff: number;
  xSize: number;
  ySize: number;
}

/** A rectangle of the output that gdalwarp warps in one go, and the source pixels it may read. */
export interface WarpChunk {
  x: number;
  y: number;
  width: number;
  height: number;
  source: SourceWindow;
}

/** GDAL's default number of samples along each edge of a chunk (SAMPLE_STEPS). */
const STEP_COUNT = 21;

/**
 * The chunks gdalwarp (GDALWarpOperation::CollectChunkList) splits an output of `width` x `height` into,
 * with SKIP_NOSOURCE on as gdalwarp sets it for a new file: chunks that see no source are dropped, and a
 * chunk wider or taller than 100 pixels whose source window is less than half inside the source raster
 * is halved along its longer side. This matters for exactness: each chunk's lines are transformed
 * separately by the approximate transformer, and pixels only sample their chunk's source window.
 * `toSource` maps output pixel coordinates (corners at integers) to source pixel coordinates exactly.
 */
export function warpChunks(toSource: PixelTransform, width: number, height: number, sourceWidth: number, sourceHeight: number): WarpChunk[] {
  const chunks: WarpChunk[] = [];
  const collect = (x: number, y: number, w: number, h: number): void => {
    const window = sourceWindow(toSource, x, y, w, h, sourceWidth, sourceHeight);
    if (!window || window.xSize === 0 || window.ySize === 0) return;
    if (window.fillRatio > 0 && window.fillRatio < 0.5 && (w > 100 || h > 100)) {
      if (w > h) {
        const half = Math.floor(w / 2);
        collect(x, y, half, h);
        collect(x + half, y, w - half, h);
      } else {
        const half = Math.floor(h / 2);
        collect(x, y, w, half);
        collect(x, y + half, w, h - half);
      }
      return;
    }
    chunks.push({ x, y, width: w, height: h, source: window });
  };
  collect(0, 0, width, height);
  return chunks;
}

/**
 * GDALWarpOperation::ComputeSourceWindow for nearest-neighbour resampling: the source window spanned by
 * points sampled along the chunk's edges (or on a grid through it when edge points fail to transform),
 * and the share of that window that lies inside the source raster. Null when too few points transform.
 */
function sourceWindow(
  toSource: PixelTransform,
  x: number,
  y: number,
  w: number,
  h: number,
  sourceWidth: number,
  sourceHeight: number,
): (SourceWindow & { fillRatio: number }) | null {
  let points = edgePoints(x, y, w, h);
  let bounds = transformedBounds(toSource, points);
  if (bounds.failed > 0) {
    points = gridPoints(x, y, w, h);
    bounds = transformedBounds(toSource, points);
  }
  if (bounds.failed > points.length - 5) return null;
  let { minX, minY, maxX, maxY } = bounds;
  if (minX > sourceWidth || maxX < 0 || minY > sourceHeight || maxY < 0) {
    return { xOff: 0, yOff: 0, xSize: 0, ySize: 0, fillRatio: 0 };
  }
  [minX, minY, maxX, maxY] = [minX, minY, maxX, maxY].map(roundIfCloseEnough);
  const radius = bounds.failed > 0 ? 10 : 0;
  const minXClamped = Math.trunc(Math.max(0, minX));
  const minYClamped = Math.trunc(Math.max(0, minY));
  const maxXClamped = Math.trunc(Math.min(Math.ceil(maxX), sourceWidth));
  const maxYClamped = Math.trunc(Math.min(Math.ceil(maxY), sourceHeight));
  const [xOff, xSize] = clampSpan(minXClamped, maxXClamped, radius, sourceWidth);
  const [yOff, ySize] = clampSpan(minYClamped, maxYClamped, radius, sourceHeight);
  const fillRatio = (xSize * ySize) / Math.max(1, (maxX - minX + 2 * radius) * (maxY - minY + 2 * radius));
  return { xOff, yOff, xSize, ySize, fillRatio };
}

/** Offset and size of a clamped span; one covering over 90% of the raster takes all of it (antimeridian). */
function clampSpan(min: number, max: number, radius: number, size: number): [number, number] {
  if (max - min > 0.9 * size) return [0, size];
  const offset = Math.max(0, Math.min(min - radius, size));
  return [offset, Math.max(0, Math.min(size - offset, max - offset + radius))];
}

function roundIfCloseEnough(value: number): number {
  const rounded = Math.round(value);
  return Math.abs(rounded - value) < 1e-6 ? rounded : value;
}

function edgePoints(x: number, y: number, w: number, h: number): Array<[number, number]> {
  const points: Array<[number, number]> = [];
  const step = 1 / (STEP_COUNT - 1);
  for (let ratio = 0; ratio <= 1 + step * 0.5; ratio += step) {
    points.push([ratio * w + x, y], [ratio * w + x, y + h], [x, ratio * h + y], [x + w, ratio * h + y]);
  }
  return points;
}

function gridPoints(x: number, y: number, w: number, h: number): Array<[number, number]> {
  const step = 1 / (STEP_COUNT - 1);
  // GDAL uses the width for both near-edge offsets.
  const ratio = (i: number) => (i === 0 ? 0.5 / w : i <= STEP_COUNT ? (i - 1) * step : 1 - 0.5 / w);
  const points: Array<[number, number]> = [];
  for (let iy = 0; iy < STEP_COUNT + 2; iy++) {
    for (let ix = 0; ix < STEP_COUNT + 2; ix++) points.push([ratio(ix) * w + x, ratio(iy) * h + y]);
  }
  return points;
}

function transformedBounds(toSource: PixelTransform, points: Array<[number, number]>) {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  let failed = 0;
  for (const [px, py] of points) {
    const [sx, sy] = toSource(px, py);
    if (!Number.isFinite(sx) || !Number.isFinite(sy)) {
      failed++;
      continue;
    }
    minX = Math.min(minX, sx);
    minY = Math.min(minY, sy);
    maxX = Math.max(maxX, sx);
    maxY = Math.max(maxY, sy);
  }
  return { minX, minY, maxX, maxY, failed };
}
