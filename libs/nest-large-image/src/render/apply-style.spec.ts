import { BadParameterError } from '../errors/large-image.errors';
import type { DType } from '../tiff/raster-source';
import type { Raster } from '../tiff/sample-level';
import { applyStyle, type StyleInput } from './apply-style';
import type { Rgba } from './css-color';
import { defaultStyleSpec, parseStyle, type StyleSpec } from './style-spec';

interface Image {
  /** Per frame, per pixel (one row), per band. */
  frames: number[][][];
  dtype?: DType;
  interpretations?: string[];
  nodata?: number | null;
  /** Validity per pixel (Raster.alpha); 255 everywhere by default. */
  alpha?: number[];
  /** Per band [min, max]; the values' own range by default. */
  ranges?: Array<[number, number]>;
  colortable?: Rgba[];
  histogram?: StyleInput['histogram'];
}

function inputOf(image: Image): StyleInput {
  const bandCount = image.frames[0][0].length;
  const width = image.frames[0].length;
  const rasters: Raster[] = image.frames.map((pixels) => ({
    width,
    height: 1,
    bands: bandCount,
    values: Float64Array.from(pixels.flat()),
    alpha: Uint8Array.from(image.alpha ?? pixels.map(() => 255)),
  }));
  const bandValues = (band: number, frame: number) => image.frames[frame].map((pixel) => pixel[band]).filter((v) => !Number.isNaN(v));
  return {
    width,
    height: 1,
    frame: (index) => rasters[index],
    currentFrame: 0,
    frameCount: image.frames.length,
    dtype: image.dtype ?? 'uint8',
    bandCount,
    interpretations: image.interpretations ?? Array.from({ length: bandCount }, (_, band) => (band ? 'undefined' : 'gray')),
    nodata: image.nodata ?? null,
    range: (band, frame) => image.ranges?.[band] ?? [Math.min(...bandValues(band, frame)), Math.max(...bandValues(band, frame))],
    histogram: image.histogram,
    colortable: () => image.colortable,
  };
}

/** RGBA per pixel. */
function render(spec: StyleSpec | undefined, image: Image): number[][] {
  const input = inputOf(image);
  const bytes = applyStyle(spec ?? defaultStyleSpec(input), input);
  return Array.from({ length: bytes.length / 4 }, (_, i) => [...bytes.subarray(i * 4, i * 4 + 4)]);
}

const query = (params: Record<string, string>) => parseStyle(params)!;
const json = (style: unknown) => parseStyle({ style: JSON.stringify(style) })!;
const gray = (values: number[], extra: Partial<Image> = {}): Image => ({ frames: [values.map((v) => [v])], ...extra });

describe('applyStyle', () => {
  it('maps [min, max] linearly onto the palette and truncates to bytes', () => {
    const image = gray([0, 50, 100, 150, 200], { dtype: 'uint16' });
    expect(render(json({ band: 1, min: 50, max: 150 }), image)).toEqual([
      [0, 0, 0, 255],
      [0, 0, 0, 255],
      [127, 127, 127, 255],
      [255, 255, 255, 255],
      [255, 255, 255, 255],
    ]);
  });

  it('draws viridis from its first to its last colour', () => {
    expect(render(query({ band: '1', palette: 'viridis' }), gray([0, 255]))).toEqual([
      [0x44, 0x01, 0x54, 255],
      [0xfd, 0xe7, 0x25, 255],
    ]);
  });

  it('stretches `auto` to 0-255 for byte-ranged data, else to the band’s range', () => {
    expect(render(query({ band: '1' }), gray([10, 100]))).toEqual([
      [10, 10, 10, 255],
      [100, 100, 100, 255],
    ]);
    expect(render(query({ band: '1' }), gray([1000, 2000, 3000], { dtype: 'uint16' })).map((p) => p[0])).toEqual([0, 127, 255]);
    expect(render(query({ band: '1', min: 'min', max: 'max' }), gray([10, 100])).map((p) => p[0])).toEqual([0, 255]);
  });

  it('uses the dtype’s top for `full`', () => {
    expect(render(query({ band: '1', min: 'full', max: 'full' }), gray([0, 32767.5, 65535], { dtype: 'uint16' })).map((p) => p[0])).toEqual([
      0, 127, 255,
    ]);
    const floats = gray([0.5, 1], { dtype: 'float32', ranges: [[-3, 7]] });
    expect(render(query({ band: '1', min: 'full', max: 'full' }), floats).map((p) => p[0])).toEqual([127, 255]);
  });

  it('thresholds min and max on the histogram (`min:0.25`)', () => {
    // 8 values in 4 bins over [0, 4): 25% lie below 1 and 25% at 3 or above, so the limits become 1 and 3.
    const histogram = () => ({ hist: [2, 2, 2, 2], binEdges: [0, 1, 2, 3, 4], min: 0, max: 3 });
    const image = gray([0, 0, 1, 1, 2, 2, 3, 3], { dtype: 'int16', histogram });
    expect(render(query({ band: '1', min: 'min:0.25', max: 'max:0.25' }), image).map((p) => p[0])).toEqual([0, 0, 0, 0, 127, 127, 255, 255]);
    expect(() => render(query({ band: '1', min: 'min:0.25' }), { ...image, histogram: undefined })).toThrow(BadParameterError);
  });

  it('interpolates linearly, or picks classes with the discrete scheme', () => {
    const image = gray([0, 63.75, 191.25, 255]);
    const palette = ['#f00', '#00f'];
    expect(render(json({ band: 1, palette }), image)).toEqual([
      [255, 0, 0, 255],
      [191, 0, 63, 255],
      [63, 0, 191, 255],
      [0, 0, 255, 255],
    ]);
    expect(render(json({ band: 1, palette, scheme: 'discrete' }), image)).toEqual([
      [255, 0, 0, 255],
      [255, 0, 0, 255],
      [0, 0, 255, 255],
      [0, 0, 255, 255],
    ]);
    expect(render(query({ band: '1', palette: 'green', scheme: 'discrete' }), gray([100, 150, 255]))).toEqual([
      [0, 0, 0, 255],
      [0, 128, 0, 255],
      [0, 128, 0, 255],
    ]);
  });

  it('makes nodata values transparent (band=1&min=5&max=100&nodata=0)', () => {
    expect(render(query({ band: '1', min: '5', max: '100', nodata: '0' }), gray([0, 5, 100]))).toEqual([
      [0, 0, 0, 0],
      [0, 0, 0, 255],
      [255, 255, 255, 255],
    ]);
    expect(render(json({ band: 1, nodata: 'auto' }), gray([7, 200], { nodata: 7 }))[0]).toEqual([0, 0, 0, 0]);
  });

  it('makes values outside [min, max] transparent with clamp false', () => {
    expect(render(json({ band: 1, min: 10, max: 20, clamp: false }), gray([5, 10, 20, 25]))).toEqual([
      [0, 0, 0, 0],
      [0, 0, 0, 255],
      [255, 255, 255, 255],
      [0, 0, 0, 0],
    ]);
  });

  it('lightens entries together channel by channel', () => {
    const image: Image = { frames: [[[255, 0], [0, 255], [255, 255]]], interpretations: ['undefined', 'undefined'] };
    expect(render(json({ bands: [{ band: 1, palette: '#f00' }, { band: 2, palette: '#00f' }] }), image)).toEqual([
      [255, 0, 0, 255],
      [0, 0, 255, 255],
      [255, 0, 255, 255],
    ]);
  });

  it('multiplies an entry into the ones before it, skipping its masked values', () => {
    const image: Image = { frames: [[[200, 51], [200, 0], [200, 255]]], ranges: [[0, 255], [0, 255]] };
    const spec = json({ bands: [{ band: 1 }, { band: 2, composite: 'multiply', palette: ['#fff0', '#ffff'], nodata: 0 }] });
    expect(render(spec, image)).toEqual([
      [200, 200, 200, 51],
      [200, 200, 200, 255],
      [200, 200, 200, 255],
    ]);
    // A first entry has nothing to multiply (large_image skips it): a style of only such entries is a 400.
    expect(() => json({ bands: [{ band: 2, composite: 'multiply' }] })).toThrow(/only multiplies/);
    expect(() => parseStyle({ band: 'alpha' })).toThrow(/only multiplies/);
  });

  it('reads `gray` of an RGB image from its green band, and `alpha` of an image without one as 255', () => {
    const rgb: Image = { frames: [[[10, 20, 30]]], interpretations: ['red', 'green', 'blue'], ranges: [[0, 255], [0, 255], [0, 255]] };
    expect(render(json({ band: 'gray' }), rgb)).toEqual([[20, 20, 20, 255]]);
    expect(render(json({ band: 'blue' }), rgb)).toEqual([[30, 30, 30, 255]]);
    expect(render(json({ bands: [{ band: 'red' }, { band: 'alpha' }] }), rgb)).toEqual([[10, 10, 10, 255]]);
    expect(() => render(json({ band: 4 }), rgb)).toThrow(/band 4, but the image has 3 band/);
    expect(() => render(json({ band: 'red' }), gray([1]))).toThrow(BadParameterError);
  });

  it('renders the default style: RGB as is, alpha multiplied in, nodata hidden', () => {
    const rgba: Image = {
      frames: [[[10, 20, 30, 255], [10, 20, 30, 51], [0, 0, 0, 255]]],
      interpretations: ['red', 'green', 'blue', 'alpha'],
      ranges: [[0, 255], [0, 255], [0, 255], [0, 255]],
      nodata: 0,
    };
    expect(render(undefined, rgba)).toEqual([
      [10, 20, 30, 255],
      [10, 20, 30, 51],
      [0, 0, 0, 0],
    ]);
  });

  it('keeps an image whose alpha is opaque everywhere opaque (alpha spans its type, not its own range)', () => {
    const rgba: Image = {
      frames: [[[10, 20, 30, 255], [200, 100, 50, 255]]],
      interpretations: ['red', 'green', 'blue', 'alpha'],
      ranges: [[10, 200], [20, 100], [30, 50], [255, 255]],
    };
    // The colour bands are stretched to their own ranges (alpha's 255 minimum fails large_image's byte test).
    expect(render(undefined, rgba)).toEqual([
      [0, 0, 0, 255],
      [255, 255, 255, 255],
    ]);
  });

  it('renders a palette band through its colour table by default', () => {
    const colortable: Rgba[] = [
      [255, 0, 0, 255],
      [0, 255, 0, 255],
      [0, 0, 255, 128],
    ];
    expect(render(undefined, gray([0, 1, 2], { interpretations: ['palette'], colortable }))).toEqual(colortable);
    // `palette=colortable` with automatic limits spans the table's indices, as the default style does.
    expect(render(query({ band: '1', palette: 'colortable' }), gray([0, 1, 2], { interpretations: ['palette'], colortable, ranges: [[0, 1]] }))).toEqual(colortable);
    expect(() => render(json({ band: 1, palette: 'colortable' }), gray([0]))).toThrow(/colour table/);
  });

  it('hides pixels with no data in the raster, and NaN values', () => {
    expect(render(query({ band: '1' }), gray([10, 20], { alpha: [255, 0] }))).toEqual([
      [10, 10, 10, 255],
      [0, 0, 0, 0],
    ]);
    expect(render(json({ band: 1, min: 0, max: 1 }), gray([NaN, 1], { dtype: 'float32' }))).toEqual([
      [0, 0, 0, 0],
      [255, 255, 255, 255],
    ]);
  });

  it('reads other frames through `frame` and `framedelta`', () => {
    const image: Image = { frames: [[[0]], [[255]], [[128]]], ranges: [[0, 255]] };
    const input = { ...inputOf(image), currentFrame: 1 };
    const pixel = (style: unknown) => [...applyStyle(json(style), input)];
    expect(pixel({ bands: [{ band: 1, palette: '#f00' }, { band: 1, frame: 2, palette: '#00f' }] })).toEqual([255, 0, 128, 255]);
    expect(pixel({ bands: [{ band: 1, framedelta: -1, palette: '#f00' }] })).toEqual([0, 0, 0, 255]);
    expect(() => pixel({ band: 1, frame: 3 })).toThrow(/frame 3, but the image has 3 frame/);
  });
});
