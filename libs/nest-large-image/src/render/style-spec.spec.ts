import { BadParameterError } from '../errors/large-image.errors';
import { defaultStyleSpec, parseStyle, styleKey, type StyleBand } from './style-spec';

const GRAY = [
  [0, 0, 0, 255],
  [255, 255, 255, 255],
];
const only = (query: Record<string, string | undefined>): StyleBand => {
  const spec = parseStyle(query);
  expect(spec?.bands).toHaveLength(1);
  return spec!.bands[0];
};
const style = (value: unknown) => ({ style: JSON.stringify(value) });
const rejects = (query: Record<string, string | undefined>, message: RegExp) => {
  expect(() => parseStyle(query)).toThrow(BadParameterError);
  expect(() => parseStyle(query)).toThrow(message);
};

describe('parseStyle from the simple parameters (django-large-image get_style)', () => {
  it('accepts band=1&palette=viridis', () => {
    expect(only({ band: '1', palette: 'viridis' })).toEqual({
      band: 1,
      min: 'auto',
      max: 'auto',
      palette: { colormap: 'viridis' },
      scheme: 'linear',
      nodata: null,
      composite: 'lighten',
      clamp: true,
    });
  });

  it('accepts band=1&palette=green&scheme=discrete, ramping to CSS green', () => {
    const entry = only({ band: '1', palette: 'green', scheme: 'discrete' });
    expect(entry.palette).toEqual({ colors: [[0, 0, 0, 255], [0, 128, 0, 255]] });
    expect(entry.scheme).toBe('discrete');
  });

  it('accepts band=1&min=5&max=100&nodata=0', () => {
    expect(only({ band: '1', min: '5', max: '100', nodata: '0' })).toMatchObject({ band: 1, min: 5, max: 100, nodata: 0 });
  });

  it('gives no style unless band is set and not 0', () => {
    for (const band of [undefined, '', '0', 'null', 'None', 'undefined', 'false', '-1']) {
      expect(parseStyle({ band, palette: 'viridis', min: '3' })).toBeUndefined();
    }
  });

  it('ignores null-like values and takes cmap when palette is absent', () => {
    expect(only({ band: '2', min: 'null', max: '', palette: 'none' })).toMatchObject({ band: 2, min: 'auto', max: 'auto', palette: { colors: GRAY } });
    expect(only({ band: '1', cmap: 'Magma' }).palette).toEqual({ colormap: 'magma' });
    expect(only({ band: '1', palette: 'viridis', cmap: 'magma' }).palette).toEqual({ colormap: 'viridis' });
  });

  it('reads a band interpretation name', () => {
    expect(only({ band: 'Red' }).band).toBe('red');
    rejects({ band: 'purple' }, /`band` must be a 1-based band number or an interpretation/);
    rejects({ band: '1.5' }, /`band`/);
  });

  it('reads statistics and thresholds for min and max', () => {
    expect(only({ band: '1', min: 'min', max: 'FULL' })).toMatchObject({ min: 'min', max: 'full' });
    expect(only({ band: '1', min: 'min:0.02', max: 'max:0.02' })).toMatchObject({ min: 'min:0.02', max: 'max:0.02' });
    expect(only({ band: '1', min: 'auto:0' }).min).toBe('auto');
    rejects({ band: '1', min: 'lowest' }, /`min` must be a number, "auto"/);
    rejects({ band: '1', max: 'max:2' }, /`max`: the threshold/);
  });

  it('rejects a bad palette, scheme or nodata, naming the parameter', () => {
    rejects({ band: '1', palette: 'not-a-palette' }, /`palette`: "not-a-palette" is neither a colormap/);
    rejects({ band: '1', cmap: 'nope' }, /`cmap`/);
    rejects({ band: '1', scheme: 'log' }, /`scheme` must be "linear" or "discrete"/);
    rejects({ band: '1', nodata: 'nan' }, /`nodata` must be a number/);
  });
});

describe('parseStyle from style JSON', () => {
  it('accepts {"bands":[{"band":1,"palette":["#000","#0f0"]}]}', () => {
    expect(parseStyle({ style: '{"bands":[{"band":1,"palette":["#000","#0f0"]}]}' })).toEqual({
      bands: [
        {
          band: 1,
          min: 'auto',
          max: 'auto',
          palette: { colors: [[0, 0, 0, 255], [0, 255, 0, 255]] },
          scheme: 'linear',
          nodata: null,
          composite: 'lighten',
          clamp: true,
        },
      ],
    });
  });

  it('takes the style over the simple parameters', () => {
    expect(parseStyle({ ...style({ band: 2 }), band: '1', palette: 'viridis' })!.bands[0]).toMatchObject({ band: 2, palette: { colors: GRAY } });
  });

  it('rejects malformed JSON and non-objects', () => {
    rejects({ style: '{"band":1' }, /`style` is not valid JSON/);
    rejects({ style: '' }, /not valid JSON/);
    rejects({ style: '[1, 2]' }, /`style` must be a JSON object/);
    rejects(style({ bands: [3] }), /`style.bands\[0\]` must be a JSON object/);
    rejects(style({ bands: { band: 1 } }), /`style.bands` must be a list/);
  });

  it('rejects unknown and unsupported keys', () => {
    rejects(style({ band: 1, colour: 'red' }), /`style.colour` is not a style key/);
    rejects(style({ bands: [{ band: 1 }], extra: true }), /`style.extra` is not a style key/);
    rejects(style({ bands: [{ band: 1, axis: 0 }] }), /`style.bands\[0\].axis` is not supported/);
  });

  it('rejects values of the wrong type or out of range', () => {
    rejects(style({ band: 1, clamp: 'yes' }), /`style.clamp` must be true or false/);
    rejects(style({ band: 1, composite: 'screen' }), /`style.composite` must be "lighten" or "multiply"/);
    rejects(style({ band: 1, scheme: 'log' }), /`style.scheme`/);
    rejects(style({ band: 1, palette: 42 }), /`style.palette` must be a colormap name/);
    rejects(style({ band: 1, palette: [] }), /must not be an empty list/);
    rejects(style({ band: 1, palette: ['#000', 'bogus'] }), /`style.palette`\[1\]: "bogus" is not a colour/);
    rejects(style({ band: 1, palette: [[0, 0, 2]] }), /fractions from 0 to 1/);
    rejects(style({ band: 1, frame: -1 }), /`style.frame` must be an integer from 0/);
    rejects(style({ band: 1, framedelta: 0.5 }), /`style.framedelta` must be an integer/);
    rejects(style({ band: 1, min: [] }), /`style.min`/);
    rejects(style({ band: 1, dtype: 'int7' }), /`style.dtype`/);
    rejects(style({ band: 1, icc: 'no' }), /`style.icc`/);
    rejects(style({ bands: [{ band: 0 }] }), /`style.bands\[0\].band` must be a band number from 1/);
    rejects(style({ bands: [{ band: 'ultraviolet' }] }), /interpretation/);
    rejects(style({ band: 0, colour: 'red' }), /`style.colour` is not a style key/);
  });

  it('treats null, {}, {"bands": []} and a lone band <= 0 as the default style', () => {
    for (const value of [null, {}, { bands: [] }, { band: 0 }, { band: -1, palette: 'viridis' }, { icc: false }]) {
      expect(parseStyle(style(value))).toBeUndefined();
    }
  });

  it('defaults band to 1, and lets -1 pick the default band in a list', () => {
    expect(parseStyle(style({ palette: 'viridis' }))!.bands[0].band).toBe(1);
    expect(parseStyle(style({ bands: [{ band: -1 }, { band: '3' }] }))!.bands.map((entry) => entry.band)).toEqual([-1, 3]);
  });

  it('makes the alpha band multiply through a transparent-to-opaque ramp by default', () => {
    expect(parseStyle(style({ bands: [{ band: 1 }, { band: 'alpha' }] }))!.bands[1]).toMatchObject({
      band: 'alpha',
      composite: 'multiply',
      palette: { colors: [[255, 255, 255, 0], [255, 255, 255, 255]] },
    });
  });

  it('reads frames, clamp, composite, nodata and every palette form', () => {
    const spec = parseStyle(
      style({
        bands: [
          { band: 1, frame: 2, framedelta: 1, clamp: false, nodata: 'auto', palette: 'colortable' },
          { band: 2, framedelta: -1, composite: 'multiply', nodata: '-9999', palette: [[1, 0, 0], [0, 0, 1, 0.5]] },
          { band: 3, framedelta: 0, palette: 'r', min: 10, max: '20.5' },
          { band: 3, palette: 'gray', dtype: 'uint16' },
        ],
        dtype: 'uint8',
        icc: true,
      }),
    )!;
    expect(spec.bands[0]).toMatchObject({ frame: 2, clamp: false, nodata: 'auto', palette: { colortable: true } });
    expect(spec.bands[0].framedelta).toBeUndefined();
    expect(spec.bands[1]).toMatchObject({ framedelta: -1, composite: 'multiply', nodata: -9999 });
    expect(spec.bands[1].palette).toEqual({ colors: [[255, 0, 0, 255], [0, 0, 255, 127.5]] });
    expect(spec.bands[2]).toMatchObject({ min: 10, max: 20.5, palette: { colors: [[0, 0, 0, 0], [255, 0, 0, 255]] } });
    expect(spec.bands[2].framedelta).toBeUndefined();
    // A colormap name wins over the CSS colour of the same name.
    expect(spec.bands[3].palette).toEqual({ colormap: 'gray' });
  });
});

describe('styleKey', () => {
  it('is equal for equal styles however they were written', () => {
    const key = (query: Record<string, string>) => styleKey(parseStyle(query)!);
    expect(key({ band: '1', palette: 'Viridis', min: '5' })).toBe(key(style({ band: 1, palette: 'viridis', min: 5, max: 'auto', clamp: true })));
    expect(key({ band: '1' })).toBe(key(style({ bands: [{ band: 1, scheme: 'linear', composite: 'lighten', nodata: null }] })));
    expect(key({ band: '1' })).not.toBe(key({ band: '2' }));
    expect(key({ band: '1', palette: 'viridis' })).not.toBe(key({ band: '1', palette: 'viridis', scheme: 'discrete' }));
    expect(key(style({ bands: [{ band: 1, frame: 1 }] }))).not.toBe(key(style({ bands: [{ band: 1, framedelta: 1 }] })));
  });
});

describe('defaultStyleSpec (large_image geo _styleBands)', () => {
  it('shows RGB bands through red, green and blue ramps, and multiplies alpha in', () => {
    const spec = defaultStyleSpec({ interpretations: ['red', 'green', 'blue', 'alpha'] });
    expect(spec.bands.map(({ band, composite, nodata }) => [band, composite, nodata])).toEqual([
      [1, 'lighten', 'auto'],
      [2, 'lighten', 'auto'],
      [3, 'lighten', 'auto'],
      [4, 'multiply', 'auto'],
    ]);
    expect(spec.bands[1].palette).toEqual({ colors: [[0, 0, 0, 255], [0, 255, 0, 255]] });
    expect(spec.bands[3].palette).toEqual({ colors: [[255, 255, 255, 0], [255, 255, 255, 255]] });
  });

  it('shows a gray band alone, and a palette band through its colour table', () => {
    expect(defaultStyleSpec({ interpretations: ['gray', 'undefined'] }).bands).toEqual([
      { band: 1, min: 'auto', max: 'auto', palette: { colors: GRAY }, scheme: 'linear', nodata: 'auto', composite: 'lighten', clamp: true },
    ]);
    const table = [
      [0, 0, 0, 255],
      [255, 0, 0, 255],
      [0, 255, 0, 255],
    ] as Array<[number, number, number, number]>;
    expect(defaultStyleSpec({ interpretations: ['palette'], colortable: () => table }).bands).toEqual([
      { band: 1, min: 0, max: 2, palette: { colortable: true }, scheme: 'linear', nodata: null, composite: 'lighten', clamp: true },
    ]);
  });

  it('falls back to the first band in grey when no band has a known interpretation', () => {
    expect(defaultStyleSpec({ interpretations: ['undefined', 'undefined'] }).bands).toMatchObject([{ band: 1, palette: { colors: GRAY } }]);
  });
});
