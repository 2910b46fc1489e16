import { ColorTable, type EntryMapping, colorOf } from './style-color-table';
import type { Rgba } from './css-color';

const VIRIDIS_ENDS: Rgba[] = [[68, 1, 84, 255], [253, 231, 37, 255]];

function mapping(overrides: Partial<EntryMapping> = {}): EntryMapping {
  return { palette: VIRIDIS_ENDS, min: 500, max: 1500, nodata: -32768, discrete: false, clamp: true, ...overrides };
}

describe('ColorTable', () => {
  it('holds only 8- and 16-bit samples', () => {
    expect(ColorTable.of(mapping(), 'int16')?.size).toBe(65536);
    expect(ColorTable.of(mapping(), 'uint8')?.size).toBe(256);
    expect(ColorTable.of(mapping(), 'float32')).toBeUndefined();
    expect(ColorTable.of(mapping(), 'int32')).toBeUndefined();
  });

  it('gives each value the colour colorOf gives it, as float32 and as truncated bytes', () => {
    const table = ColorTable.of(mapping(), 'int16')!;
    for (const value of [-32767, 0, 499, 500, 733, 1000, 1499, 1500, 32767]) {
      const index = table.indexOf(value);
      const expected: Rgba = [0, 0, 0, 0];
      expect(colorOf(table.mapping, value, expected)).toBe(true);
      expect(table.shown(index)).toBe(true);
      const floats = Array.from(table.rgba.subarray(4 * index, 4 * index + 4));
      expect(floats).toEqual(Array.from(Float32Array.from(expected)));
      expect(Array.from(table.bytes.subarray(4 * index, 4 * index + 4))).toEqual(floats.map((c) => Math.min(255, Math.max(0, Math.floor(c)))));
    }
  });

  it('masks nodata and, without clamp, values outside [min, max]', () => {
    const table = ColorTable.of(mapping({ clamp: false }), 'int16')!;
    expect(table.shown(table.indexOf(-32768))).toBe(false);
    expect(table.shown(table.indexOf(499))).toBe(false);
    expect(table.shown(table.indexOf(500))).toBe(true);
  });

  it('has no index for values it does not hold', () => {
    const table = ColorTable.of(mapping(), 'uint8')!;
    for (const value of [-1, 256, 1.5, NaN, Infinity]) expect(table.indexOf(value)).toBe(-1);
    expect(table.indexOf(255)).toBe(255);
  });

  it('computes a colour only for the values asked for, not the whole range up front', () => {
    let paletteReads = 0;
    const counted = new Proxy(VIRIDIS_ENDS, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) paletteReads++;
        return Reflect.get(target, key, receiver);
      },
    });
    const table = ColorTable.of(mapping({ palette: counted }), 'uint16')!;
    for (let repeat = 0; repeat < 100; repeat++) table.shown(table.indexOf(1000));
    table.shown(table.indexOf(1200));
    // Two values, each interpolated between two palette entries once.
    expect(paletteReads).toBe(4);
  });
});
