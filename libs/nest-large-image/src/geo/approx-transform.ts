/** Maps output pixel coordinates to source pixel coordinates; NaN where the point cannot be transformed. */
export type PixelTransform = (x: number, y: number) => [number, number];

/** GDAL's default warp error threshold (gdalwarp -et), in source pixels. */
const MAX_ERROR = 0.125;
/** GDAL transforms runs of this many points or fewer exactly. */
const EXACT_RUN = 5;

type Point = [number, number];

/**
 * Receives the source pixel coordinates of a run of output pixel centres: columns `column .. column + count
 * - 1` fall at (x0 + dx * k, y0 + dy * k) for k = 0 .. count - 1. That is GDAL's interpolation, computed the
 * same way so that a centre near a pixel edge rounds as GDAL's does; an exactly transformed point comes as a
 * run of one with dx = dy = 0. Runs come in column order.
 */
export type RunSink = (column: number, count: number, x0: number, dx: number, y0: number, dy: number) => void;

/**
 * One call of GDAL's approximate transformer (GDALApproxTransform), step for step: the pixel centres of
 * columns `firstColumn .. firstColumn + count - 1` on the line at `y` are transformed exactly at the first,
 * middle and last point and linearly interpolated when the middle is within 0.125 pixel of the line,
 * otherwise split into two halves that do not share a point. gdalwarp transforms each line of each warp
 * chunk this way, so chunk widths matter. Reproducing its splits, not just its tolerance, is what makes
 * nearest-neighbour tiles equal gdalwarp's, since a pixel centre that lands near a source pixel edge falls on
 * the side GDAL chose. The runs go to `sink` rather than to an array: the plan consumes them directly.
 */
export function approximateRun(sink: RunSink, firstColumn: number, count: number, y: number, transform: PixelTransform): void {
  new RunApproximation(sink, firstColumn, y, transform).run(count);
}

class RunApproximation {
  constructor(
    private readonly sink: RunSink,
    private readonly firstColumn: number,
    private readonly y: number,
    private readonly transform: PixelTransform,
  ) {}

  run(count: number): void {
    if (count <= EXACT_RUN) return this.exact(0, count - 1);
    const start = this.at(0);
    const middle = this.at((count - 1) >> 1);
    const end = this.at(count - 1);
    if (!isFinitePoint(start, middle, end)) return this.exact(0, count - 1);
    this.approximate(0, count, start, middle, end);
  }

  /** Points `first .. first + count - 1`, whose first, middle and last transforms are already known. */
  private approximate(first: number, count: number, start: Point, middle: Point, end: Point): void {
    const half = (count - 1) >> 1;
    const last = first + count - 1;
    const dx = (end[0] - start[0]) / (count - 1);
    const dy = (end[1] - start[1]) / (count - 1);
    const error = Math.abs(start[0] + dx * half - middle[0]) + Math.abs(start[1] + dy * half - middle[1]);
    if (!(error > MAX_ERROR)) return this.sink(this.firstColumn + first, count, start[0], dx, start[1], dy);
    const split = first + half;
    const leftCount = half;
    const rightCount = count - half;
    const exactLeft = leftCount <= EXACT_RUN;
    const exactRight = rightCount <= EXACT_RUN;
    const leftMiddle = exactLeft ? undefined : this.at(first + ((leftCount - 1) >> 1));
    const leftEnd = exactLeft ? undefined : this.at(split - 1);
    const rightMiddle = exactRight ? undefined : this.at(split + ((rightCount - 1) >> 1));
    if (!isFinitePoint(...[leftMiddle, leftEnd, rightMiddle].filter((point): point is Point => point !== undefined))) {
      return this.exact(first, last);
    }
    if (exactLeft) this.exact(first, split - 1);
    else this.approximate(first, leftCount, start, leftMiddle!, leftEnd!);
    if (exactRight) this.exact(split, last);
    else this.approximate(split, rightCount, middle, rightMiddle!, end);
  }

  private at(column: number): Point {
    return this.transform(this.firstColumn + column + 0.5, this.y);
  }

  private exact(from: number, to: number): void {
    for (let column = from; column <= to; column++) {
      const [x, y] = this.at(column);
      this.sink(this.firstColumn + column, 1, x, 0, y, 0);
    }
  }
}

function isFinitePoint(...points: Point[]): boolean {
  return points.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
}
