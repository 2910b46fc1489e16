/** Maps output pixel coordinates to source pixel coordinates; NaN where the point cannot be transformed. */
export type PixelTransform = (x: number, y: number) => [number, number];

/** GDAL's default warp error threshold (gdalwarp -et), in source pixels. */
const MAX_ERROR = 0.125;

/**
 * Source pixel coordinates for every output pixel centre of a width x height grid, written to
 * `out[2 * i]`, `out[2 * i + 1]`. Like GDAL's approximate transformer, each row is transformed
 * exactly at its ends and middle and linearly interpolated wherever that stays within 0.125 pixel,
 * splitting the row in halves where it does not: nearest-neighbour output then matches gdalwarp.
 */
export function approximateGrid(width: number, height: number, transform: PixelTransform): Float64Array {
  const out = new Float64Array(width * height * 2);
  for (let row = 0; row < height; row++) {
    const base = row * width;
    const exact = (col: number) => {
      const [x, y] = transform(col + 0.5, row + 0.5);
      out[2 * (base + col)] = x;
      out[2 * (base + col) + 1] = y;
    };
    if (width <= 5) {
      for (let col = 0; col < width; col++) exact(col);
      continue;
    }
    exact(0);
    exact(width - 1);
    refine(out, base, 0, width - 1, exact);
  }
  return out;
}

/** Fills columns strictly between `a` and `b` (both already exact) of the row starting at `base`. */
function refine(out: Float64Array, base: number, a: number, b: number, exact: (col: number) => void): void {
  if (b - a < 2) return;
  const middle = a + ((b - a) >> 1);
  exact(middle);
  const ia = 2 * (base + a);
  const ib = 2 * (base + b);
  const im = 2 * (base + middle);
  const fraction = (middle - a) / (b - a);
  const error =
    Math.abs(out[ia] + (out[ib] - out[ia]) * fraction - out[im]) +
    Math.abs(out[ia + 1] + (out[ib + 1] - out[ia + 1]) * fraction - out[im + 1]);
  if (!(error <= MAX_ERROR)) {
    refine(out, base, a, middle, exact);
    refine(out, base, middle, b, exact);
    return;
  }
  for (let col = a + 1; col < b; col++) {
    const f = (col - a) / (b - a);
    const i = 2 * (base + col);
    out[i] = out[ia] + (out[ib] - out[ia]) * f;
    out[i + 1] = out[ia + 1] + (out[ib + 1] - out[ia + 1]) * f;
  }
}
