import type { DType } from '../tiff/raster-source';
import { samplePalette } from './colormaps';
import type { Rgba } from './css-color';

/** How one style entry turns a value into a colour. */
export interface EntryMapping {
  palette: readonly Rgba[];
  min: number;
  max: number;
  nodata: number | null;
  discrete: boolean;
  clamp: boolean;
}

/** large_image's per-entry mapping of one value: (value - min) / (max - min) through the palette. */
export function colorOf({ palette, min, max, nodata, discrete, clamp }: EntryMapping, value: number, out: Rgba): boolean {
  const scaled = (value - min) / (max !== min ? max - min : 1);
  // An infinite value over an infinite limit has no ratio: it goes to the end of the ramp it lies towards.
  const t = scaled === scaled ? scaled : value > min ? 1 : 0;
  if (value !== value || value === nodata || (!clamp && !(t >= 0 && t <= 1))) return false;
  if (discrete) {
    const chosen = palette[Math.min(Math.max(Math.floor(t * palette.length), 0), palette.length - 1)];
    for (let c = 0; c < 4; c++) out[c] = chosen[c];
  } else {
    samplePalette(palette, t, out);
  }
  return true;
}

/** Value ranges small enough to tabulate: every possible sample of these types can have its colour kept. */
const TABULATED: Partial<Record<DType, [number, number]>> = { uint8: [0, 255], int8: [-128, 127], uint16: [0, 65535], int16: [-32768, 32767] };

const UNKNOWN = 0;
const SHOWN = 1;
const MASKED = 2;

/**
 * The colours of one style entry by value, for 8- and 16-bit samples. Each value gets its colour the first
 * time a pixel has it, so a request pays for the values it shows: filling a 16-bit table's 65536 entries
 * up front cost about 50 ms, which a single pixel or a tile of a few distinct values never needs.
 */
export class ColorTable {
  /** Colours as floats, `rgba[4 * index + c]`, for compositing. */
  readonly rgba: Float32Array;
  /** The same colours clipped and truncated to bytes, as large_image's `astype(uint8)` does. */
  readonly bytes: Uint8Array;
  private readonly state: Uint8Array;
  private readonly color: Rgba = [0, 0, 0, 0];

  private constructor(
    readonly mapping: EntryMapping,
    /** The value at index 0. */
    readonly low: number,
    readonly size: number,
  ) {
    this.rgba = new Float32Array(size * 4);
    this.bytes = new Uint8Array(size * 4);
    this.state = new Uint8Array(size);
  }

  /** A table for samples of `dtype`, or undefined when its values are too many to tabulate. */
  static of(mapping: EntryMapping, dtype: DType | undefined): ColorTable | undefined {
    const range = dtype && TABULATED[dtype];
    return range && new ColorTable(mapping, range[0], range[1] - range[0] + 1);
  }

  /** The table index of `value`, or -1 for a value the table does not hold (a fraction, NaN, out of range). */
  indexOf(value: number): number {
    const index = value - this.low;
    return index >= 0 && index < this.size && (index | 0) === index ? index : -1;
  }

  /** Whether the value at `index` has a colour (false when the entry masks it), computing it on first use. */
  shown(index: number): boolean {
    const state = this.state[index];
    return (state === UNKNOWN ? this.fill(index) : state) === SHOWN;
  }

  private fill(index: number): number {
    const { color } = this;
    if (!colorOf(this.mapping, this.low + index, color)) return (this.state[index] = MASKED);
    for (let c = 0; c < 4; c++) {
      this.rgba[4 * index + c] = color[c];
      // Truncate the float32 that compositing sees, not the double it came from.
      const value = this.rgba[4 * index + c];
      this.bytes[4 * index + c] = value >= 255 ? 255 : value > 0 ? Math.floor(value) : 0;
    }
    return (this.state[index] = SHOWN);
  }
}
