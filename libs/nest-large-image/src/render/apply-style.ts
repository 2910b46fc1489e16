import { BadParameterError } from '../errors/large-image.errors';
import type { DType } from '../tiff/raster-source';
import type { Raster } from '../tiff/sample-level';
import { findColormap, samplePalette } from './colormaps';
import type { Rgba } from './css-color';
import type { BandSelector, Palette, RangeLimit, StyleBand, StyleSpec } from './style-spec';

/** A band's histogram as large_image's `histogram()` makes it: 256 bins over [min, max + 1). */
export interface BandHistogram {
  /** Counts per bin. */
  hist: readonly number[];
  /** hist.length + 1 bin edges. */
  binEdges: readonly number[];
}

/** Everything applyStyle reads, gathered (synchronously) by the caller. */
export interface StyleInput {
  width: number;
  height: number;
  /** Native values of every band of one frame on the output grid; alpha 0 marks pixels with no data. */
  frame(index: number): Raster;
  /** The requested frame, which entries without `frame`/`framedelta` read. */
  currentFrame: number;
  frameCount: number;
  dtype: DType;
  bandCount: number;
  /** Per band, 0-based, lower case: 'red', 'green', 'blue', 'gray', 'alpha', 'palette', 'undefined', ... */
  interpretations: readonly string[];
  /** The file's nodata, for `nodata: "auto"`. */
  nodata: number | null;
  /** [min, max] of a band (0-based) over the whole image of a frame, for `auto`, `min` and `max`. */
  range(band: number, frame: number): [number, number];
  /** Only needed for thresholds such as `min:0.02`; without it they are a BadParameterError. */
  histogram?(band: number, frame: number): BandHistogram;
  /** The colour table of a palette band (0-based), for `palette: "colortable"`. */
  colortable?(band: number): readonly Rgba[] | undefined;
}

/** large_image reads 255 for the `alpha` band of an image without one. */
const OPAQUE = -1;

/**
 * Renders a style as RGBA bytes (width * height * 4), following large_image's `_applyStyle`: each entry maps its
 * band's values through [min, max] to [0, 1] and then through its palette (linear interpolation, or `discrete`
 * classes), and is composited over the entries before it, per channel, with `lighten` (maximum) or `multiply`
 * (a first `multiply` entry has nothing to multiply and is skipped, as there). Values equal to the entry's nodata,
 * NaN, or (with `clamp: false`) outside [min, max] add nothing to the pixel. The float result is clipped and
 * truncated to bytes as large_image's float32 output is by `astype(uint8)`.
 *
 * Unlike large_image, the output is always RGBA (a lone grey entry on one band makes large_image emit L without
 * alpha), and pixels the reader marks as having no data in every frame the style reads (outside the image,
 * masked, nodata in every band, alpha 0) are transparent: large_image gets that from the alpha band GDAL's warp
 * adds in projected styles, but shows such pixels in unprojected pixel space.
 */
export function applyStyle(spec: StyleSpec, input: StyleInput): Buffer {
  const pixels = input.width * input.height;
  const output = input.dtype === 'float64' ? new Float64Array(pixels * 4) : new Float32Array(pixels * 4);
  const valid = new Uint8Array(pixels);
  const color: Rgba = [0, 0, 0, 0];
  const frames = new Map<number, Raster>();
  spec.bands.forEach((entry, index) => {
    const multiply = entry.composite === 'multiply';
    if (multiply && index === 0) return;
    const frame = frameOf(entry, input);
    if (!frames.has(frame)) frames.set(frame, input.frame(frame));
    const raster = frames.get(frame)!;
    for (let i = 0; i < pixels; i++) if (raster.alpha[i]) valid[i] = 1;
    const band = bandIndex(entry.band, input);
    const palette = paletteColors(entry.palette, band, input);
    const min = limitValue('min', entry.min, band, frame, input);
    const max = limitValue('max', entry.max, band, frame, input);
    const delta = max !== min ? max - min : 1;
    const nodata = entry.nodata === 'auto' ? input.nodata : entry.nodata;
    const discrete = entry.scheme === 'discrete';
    for (let i = 0; i < pixels; i++) {
      const value = band === OPAQUE ? 255 : raster.values[i * raster.bands + band];
      const t = (value - min) / delta;
      // Masked values lighten with 0 and multiply by 1: they leave the pixel as it is.
      if (value !== value || value === nodata || (!entry.clamp && !(t >= 0 && t <= 1))) continue;
      if (discrete) {
        const chosen = palette[Math.min(Math.max(Math.floor(t * palette.length), 0), palette.length - 1)];
        for (let c = 0; c < 4; c++) color[c] = chosen[c];
      } else {
        samplePalette(palette, t, color);
      }
      for (let c = 0; c < 4; c++) {
        const at = i * 4 + c;
        if (multiply) output[at] *= color[c] / 255;
        else if (color[c] > output[at]) output[at] = color[c];
      }
    }
  });
  const rgba = Buffer.alloc(pixels * 4);
  for (let i = 0; i < pixels; i++) {
    if (!valid[i]) continue;
    for (let c = 0; c < 4; c++) {
      const value = output[i * 4 + c];
      rgba[i * 4 + c] = value >= 255 ? 255 : value > 0 ? Math.floor(value) : 0;
    }
  }
  return rgba;
}

function frameOf(entry: StyleBand, input: StyleInput): number {
  const frame = entry.frame ?? input.currentFrame + (entry.framedelta ?? 0);
  if (frame < 0 || frame >= input.frameCount) {
    throw new BadParameterError(`The style reads frame ${frame}, but the image has ${input.frameCount} frame(s)`);
  }
  return frame;
}

/**
 * The 0-based band an entry reads. Numbers are 1-based; -1 is large_image's default band (green when there are
 * three or more bands, else the first). Names match the bands' interpretations, then fall back as large_image's
 * base source does: `gray` (and `green`) to the default band, `red`/`blue` to the first/third of three or more,
 * `alpha` to the last of two or four bands, else to constant 255.
 */
function bandIndex(band: BandSelector, input: StyleInput): number {
  const count = input.bandCount;
  const defaultBand = count <= 2 ? 0 : 1;
  if (typeof band === 'number') {
    if (band === -1) return defaultBand;
    if (band >= 1 && band <= count) return band - 1;
    throw new BadParameterError(`The style reads band ${band}, but the image has ${count} band(s)`);
  }
  const matched = input.interpretations.indexOf(band);
  if (matched >= 0) return matched;
  if (band === 'alpha') return count === 2 || count === 4 ? count - 1 : OPAQUE;
  if (band === 'gray' || (band === 'green' && count > 2)) return defaultBand;
  if (band === 'red' && count > 2) return 0;
  if (band === 'blue' && count > 2) return 2;
  throw new BadParameterError(`No band is "${band}": the image's bands are ${input.interpretations.join(', ')}`);
}

function paletteColors(palette: Palette, band: number, input: StyleInput): readonly Rgba[] {
  if ('colors' in palette) return palette.colors;
  if ('colormap' in palette) {
    const colormap = findColormap(palette.colormap);
    if (!colormap) throw new BadParameterError(`Unknown colormap "${palette.colormap}"`);
    return colormap.colors;
  }
  const table = band === OPAQUE ? undefined : input.colortable?.(band);
  if (!table?.length) throw new BadParameterError(`The style's palette is "colortable", but band ${band === OPAQUE ? 'alpha' : band + 1} has no colour table`);
  return table;
}

/** large_image's `_getMinMax`. */
function limitValue(which: 'min' | 'max', limit: RangeLimit, band: number, frame: number, input: StyleInput): number {
  if (typeof limit === 'number') return limit;
  const [name, thresholdText] = limit.split(':');
  const threshold = Number(thresholdText ?? 0);
  if (name === 'full') return which === 'min' ? 0 : dtypeTop(input.dtype);
  let statistic = name;
  if (statistic === 'auto') {
    if (byteRanged(frame, input)) return which === 'min' ? 0 : 255;
    statistic = which;
  }
  if (band === OPAQUE) return statistic === 'min' ? 0 : dtypeTop(input.dtype);
  if (!threshold) return input.range(band, frame)[statistic === 'min' ? 0 : 1];
  if (!input.histogram) throw new BadParameterError(`Style limits with a threshold ("${limit}") are not supported for this image`);
  return histogramThreshold(input.histogram(band, frame), input.range(band, frame), threshold, statistic === 'max');
}

/**
 * large_image's `auto` test: every band of the frame has its minimum in [0, 254] and its maximum in [2, 255].
 * Its GDAL source also appends the data type's own range to the list (0 to the integer maximum, or 0 to 1
 * for floats), so only 8-bit data can pass: uint16 or float data between 0 and 255 is still stretched.
 */
function byteRanged(frame: number, input: StyleInput): boolean {
  const typeMax = input.dtype.startsWith('float') ? 1 : INTEGER_MAXIMA[input.dtype];
  if (!(typeMax >= 2 && typeMax <= 255)) return false;
  for (let band = 0; band < input.bandCount; band++) {
    const [min, max] = input.range(band, frame);
    if (!(min >= 0 && min <= 254 && max >= 2 && max <= 255)) return false;
  }
  return true;
}

const INTEGER_MAXIMA: Record<string, number> = {
  uint8: 255,
  int8: 127,
  uint16: 65535,
  int16: 32767,
  uint32: 4294967295,
  int32: 2147483647,
};

/** large_image's `full` maximum: 65535 for uint16, 1 for floats, 255 for every other type. */
function dtypeTop(dtype: DType): number {
  return dtype === 'uint16' ? 65535 : dtype.startsWith('float') ? 1 : 255;
}

/** large_image's `histogramThreshold`: the bin edge that excludes no more than `threshold` of the values from one end. */
function histogramThreshold(histogram: BandHistogram, [min, max]: [number, number], threshold: number, fromMax: boolean): number {
  const hist = fromMax ? [...histogram.hist].reverse() : histogram.hist;
  const edges = fromMax ? [...histogram.binEdges].reverse() : histogram.binEdges;
  const samples = hist.reduce((sum, count) => sum + count, 0);
  let tally = 0;
  for (let i = 0; i < hist.length; i++) {
    if (tally + hist[i] > threshold * samples) return i === 0 ? (fromMax ? max : min) : edges[i];
    tally += hist[i];
  }
  return edges[edges.length - 1];
}
