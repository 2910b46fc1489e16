import { BadParameterError } from '../errors/large-image.errors';
import { findColormap, listColormaps, paletteColors, samplePalette } from './colormaps';
import type { Rgba } from './css-color';

const first = (name: string) => findColormap(name)!.colors[0].slice(0, 3);
const last = (name: string) => findColormap(name)!.colors.at(-1)!.slice(0, 3);

describe('colormaps', () => {
  it('holds matplotlib’s perceptual maps as their 256 colours', () => {
    expect(findColormap('viridis')!.colors).toHaveLength(256);
    expect(first('viridis')).toEqual([0x44, 0x01, 0x54]);
    expect(last('viridis')).toEqual([0xfd, 0xe7, 0x25]);
    expect(first('magma')).toEqual([0x00, 0x00, 0x04]);
    expect(last('plasma')).toEqual([0xf0, 0xf9, 0x21]);
    expect(first('cividis')).toEqual([0x00, 0x22, 0x4e]);
    expect(last('cividis')).toEqual([0xfe, 0xe8, 0x38]);
    expect(first('turbo')).toEqual([0x30, 0x12, 0x3b]);
    expect(last('turbo')).toEqual([0x7a, 0x04, 0x03]);
  });

  it('samples segment maps as matplotlib does: jet is navy to dark red through cyan-green', () => {
    expect(first('jet')).toEqual([0, 0, 127.5]);
    expect(last('jet')).toEqual([127.5, 0, 0]);
    const [r, g, b] = samplePalette(findColormap('jet')!.colors, 0.5);
    // The exact segment value at 0.5: red (0.5 - 0.35) / 0.31, blue 1 - (0.5 - 0.34) / 0.31.
    expect(r).toBeCloseTo(123.39, 1);
    expect(g).toBe(255);
    expect(b).toBeCloseTo(123.39, 1);
    expect(first('terrain')).toEqual([51, 51, 153]);
    expect(first('hot')).toEqual([0.0416 * 255, 0, 0]);
  });

  it('uses ColorBrewer’s classes in matplotlib’s order', () => {
    expect(findColormap('Blues')!.colors).toHaveLength(9);
    expect(first('Blues')).toEqual([0xf7, 0xfb, 0xff]);
    expect(findColormap('RdYlGn')!.colors).toHaveLength(11);
    expect(first('RdYlGn')).toEqual([0xa5, 0x00, 0x26]);
    expect(last('Spectral')).toEqual([0x5e, 0x4f, 0xa2]);
    // matplotlib's PuOr starts at the orange end, unlike ColorBrewer's.
    expect(first('PuOr')).toEqual([0x7f, 0x3b, 0x08]);
    expect(first('tab10')).toEqual([0x1f, 0x77, 0xb4]);
    expect(findColormap('coolwarm')!.colors[16].slice(0, 3)).toEqual([0xdd, 0xdd, 0xdd]);
  });

  it('keeps matplotlib’s gray (black to white) apart from Greys (white to black)', () => {
    expect(findColormap('gray')!.colors).toEqual([
      [0, 0, 0, 255],
      [255, 255, 255, 255],
    ]);
    expect(findColormap('grey')!.colors).toEqual(findColormap('gray')!.colors);
    expect(first('Greys')).toEqual([255, 255, 255]);
    expect(last('Greys')).toEqual([0, 0, 0]);
  });

  it('finds names case-insensitively, reports matplotlib’s spelling and reverses `_r` maps', () => {
    expect(findColormap('VIRIDIS')!.name).toBe('viridis');
    expect(findColormap('rdylgn')!.name).toBe('RdYlGn');
    expect(findColormap('greys_R')!.name).toBe('Greys_r');
    expect(first('viridis_r')).toEqual([0xfd, 0xe7, 0x25]);
    expect(findColormap('viridis')!.colors[0]).toEqual([0x44, 0x01, 0x54, 255]);
    expect(findColormap('nope')).toBeUndefined();
  });

  it('lists every name with its reversal, sorted, and the simple colours', () => {
    const { matplotlib, simple } = listColormaps();
    for (const name of ['viridis', 'plasma', 'inferno', 'magma', 'cividis', 'turbo', 'gray', 'grey', 'Greys', 'terrain', 'jet']) {
      expect(matplotlib).toContain(name);
    }
    for (const name of ['RdYlGn', 'Spectral', 'RdBu', 'coolwarm', 'Blues', 'Greens', 'Reds', 'YlOrRd', 'hot', 'bone', 'jet_r']) {
      expect(matplotlib).toContain(name);
    }
    expect(matplotlib).toEqual([...matplotlib].sort());
    expect(simple).toEqual(['red', 'green', 'blue']);
    for (const name of matplotlib) expect(findColormap(name)?.name).toBe(name);
  });

  it('samples palettes linearly, clamped to the ends', () => {
    const palette: Rgba[] = [
      [0, 0, 0, 255],
      [255, 0, 100, 255],
      [255, 255, 255, 0],
    ];
    expect(samplePalette(palette, -1)).toEqual([0, 0, 0, 255]);
    expect(samplePalette(palette, 0.25)).toEqual([127.5, 0, 50, 255]);
    expect(samplePalette(palette, 0.75)).toEqual([255, 127.5, 177.5, 127.5]);
    expect(samplePalette(palette, 2)).toEqual([255, 255, 255, 0]);
    expect(samplePalette([[1, 2, 3, 4]], 0.5)).toEqual([1, 2, 3, 4]);
  });

  it('gives evenly spaced colours of a named map, or a bad parameter for an unknown one', () => {
    expect(paletteColors('gray', 3)).toEqual([
      [0, 0, 0, 255],
      [127.5, 127.5, 127.5, 255],
      [255, 255, 255, 255],
    ]);
    expect(paletteColors('viridis')).toHaveLength(256);
    expect(() => paletteColors('no-such-map')).toThrow(BadParameterError);
  });
});
