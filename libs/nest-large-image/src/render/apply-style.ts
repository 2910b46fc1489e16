import { BadParameterError } from '../errors/large-image.errors';
import type { DType } from '../tiff/raster-source';
import type { Raster } from '../tiff/sample-level';
import { findColormap } from './colormaps';
import type { Rgba } from './css-color';
import { ColorTable, type EntryMapping, colorOf } from './style-color-table';
import type { BandSelector, Palette, RangeLimit, StyleBand, StyleSpec } from './style-spec';

/** A band's histogram as large_image's `histogram()` makes it: 256 bins over [min, max + 1). */
export interface BandHistogram {
  /** Counts per bin. */
  hist: readonly number[];
  /** hist.length + 1 bin edges. */
  binEdges: readonly number[];
  /** Smallest and largest value counted. */
  min: number;
  max: number;
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
  /** The histogram of a band (0-based) of a frame, for thresholds such as `min:0.02`; without it they are a 400. */
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
  const valid = new Uint8Array(pixels);
  const frames = new Map<number, Raster>();
  const layers: Layer[] = [];
  spec.bands.forEach((entry, index) => {
    const multiply = entry.composite === 'multiply';
    if (multiply && index === 0) return;
    const frame = frameOf(entry, input);
    if (!frames.has(frame)) frames.set(frame, input.frame(frame));
    const raster = frames.get(frame)!;
    for (let i = 0; i < pixels; i++) if (raster.alpha[i]) valid[i] = 1;
    const band = bandIndex(entry.band, input);
    const palette = paletteColors(entry.palette, band, input);
    const mapping: EntryMapping = {
      palette,
      // `auto` over a colour table is its index range, so each value shows its own entry (as in the default style).
      min: 'colortable' in entry.palette && entry.min === 'auto' ? 0 : limitValue('min', entry.min, band, frame, input),
      max: 'colortable' in entry.palette && entry.max === 'auto' ? palette.length - 1 : limitValue('max', entry.max, band, frame, input),
      nodata: entry.nodata === 'auto' ? input.nodata : entry.nodata,
      discrete: entry.scheme === 'discrete',
      clamp: entry.clamp,
    };
    layers.push({
      values: raster.values,
      stride: raster.bands,
      band,
      pixels,
      multiply,
      // large_image skips a channel the palette leaves at the composite's neutral value (0 to lighten, 255 to multiply).
      channels: [0, 1, 2, 3].filter((c) => !palette.every((color) => color[c] === (multiply ? 255 : 0))),
      mapping,
      table: band === OPAQUE ? undefined : ColorTable.of(mapping, input.dtype),
    });
  });
  return lightenTabulated(layers, valid, pixels) ?? composite(layers, valid, pixels);
}

/**
 * The general path: each entry in turn over a float canvas (lighten or multiply), then clipped and
 * truncated to bytes as large_image's float32 output is by `astype(uint8)`.
 */
function composite(layers: Layer[], valid: Uint8Array, pixels: number): Buffer {
  const output = new Float32Array(pixels * 4);
  for (const layer of layers) {
    if (layer.multiply) multiplyLayer(layer, output);
    else lightenLayer(layer, output);
  }
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

/**
 * The common case in one pass: every entry lightens and reads 8- or 16-bit samples, so each pixel is the
 * per-channel maximum of table lookups, written straight as bytes (truncating after the maximum equals the
 * maximum of truncated values). Undefined when a value is not in its table, for the general path.
 */
function lightenTabulated(layers: Layer[], valid: Uint8Array, pixels: number): Buffer | undefined {
  if (!layers.length || layers.some((layer) => layer.multiply || !layer.table)) return undefined;
  const rgba = Buffer.alloc(pixels * 4);
  const count = layers.length;
  const values = layers.map((layer) => layer.values);
  const offsets = layers.map((layer) => layer.band);
  const strides = layers.map((layer) => layer.stride);
  const tables = layers.map((layer) => layer.table!);
  for (let i = 0; i < pixels; i++) {
    if (!valid[i]) continue;
    let r = 0;
    let g = 0;
    let b = 0;
    let a = 0;
    for (let e = 0; e < count; e++) {
      const table = tables[e];
      const index = table.indexOf(values[e][i * strides[e] + offsets[e]]);
      if (index < 0) return undefined;
      if (!table.shown(index)) continue;
      const { bytes } = table;
      const base = 4 * index;
      if (bytes[base] > r) r = bytes[base];
      if (bytes[base + 1] > g) g = bytes[base + 1];
      if (bytes[base + 2] > b) b = bytes[base + 2];
      if (bytes[base + 3] > a) a = bytes[base + 3];
    }
    rgba[4 * i] = r;
    rgba[4 * i + 1] = g;
    rgba[4 * i + 2] = b;
    rgba[4 * i + 3] = a;
  }
  return rgba;
}

/** One style entry ready to draw: its band's values, how it composites, the channels it changes, its colours. */
interface Layer {
  values: Float64Array;
  stride: number;
  /** 0-based band, or OPAQUE for a constant 255. */
  band: number;
  pixels: number;
  multiply: boolean;
  channels: number[];
  mapping: EntryMapping;
  /** Colours by value for 8- and 16-bit bands; undefined when each value's colour is computed. */
  table?: ColorTable;
}

/** The colour of a value into `color`, false when masked: from the table when it holds the value, else computed. */
function lookUp({ table, mapping }: Layer, value: number, color: Rgba): boolean {
  const index = table ? table.indexOf(value) : -1;
  if (index < 0) return colorOf(mapping, value, color);
  if (!table!.shown(index)) return false;
  for (let c = 0; c < 4; c++) color[c] = table!.rgba[4 * index + c];
  return true;
}

/** `lighten`: each channel keeps the larger of what is there and the entry's colour; masked values add nothing. */
function lightenLayer(layer: Layer, output: Float32Array): void {
  const { values, stride, band, pixels, channels, table } = layer;
  const count = channels.length;
  if (table) {
    // The hot path (8- and 16-bit data): a table lookup per pixel, no temporary colour.
    const { rgba } = table;
    for (let i = 0, at = band; i < pixels; i++, at += stride) {
      const index = table.indexOf(values[at]);
      if (index < 0) {
        composeOne(layer, output, i);
        continue;
      }
      if (!table.shown(index)) continue;
      const base = 4 * index;
      for (let k = 0; k < count; k++) {
        const c = channels[k];
        const o = 4 * i + c;
        const value = rgba[base + c];
        if (value > output[o]) output[o] = value;
      }
    }
    return;
  }
  // Floats: each value's colour is computed, in one loop over the layer's values.
  const { mapping } = layer;
  for (let i = 0, at = band; i < pixels; i++, at += stride) {
    if (!colorOf(mapping, band === OPAQUE ? 255 : values[at], scratch)) continue;
    for (let k = 0; k < count; k++) {
      const c = channels[k];
      const o = 4 * i + c;
      if (scratch[c] > output[o]) output[o] = scratch[c];
    }
  }
}

/** `multiply`: each channel is scaled by the entry's colour / 255; masked values leave it as it is. */
function multiplyLayer(layer: Layer, output: Float32Array): void {
  for (let i = 0; i < layer.pixels; i++) composeOne(layer, output, i);
}

const scratch: Rgba = [0, 0, 0, 0];

/** Composites one pixel of one entry (the general path: floats, unusual values, multiply). */
function composeOne(layer: Layer, output: Float32Array, i: number): void {
  const { values, stride, band, channels, multiply } = layer;
  if (!lookUp(layer, band === OPAQUE ? 255 : values[i * stride + band], scratch)) return;
  for (const c of channels) {
    const o = 4 * i + c;
    if (multiply) output[o] *= scratch[c] / 255;
    else if (scratch[c] > output[o]) output[o] = scratch[c];
  }
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
  return histogramThreshold(input.histogram(band, frame), threshold, statistic === 'max');
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
function histogramThreshold(histogram: BandHistogram, threshold: number, fromMax: boolean): number {
  const { min, max } = histogram;
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
