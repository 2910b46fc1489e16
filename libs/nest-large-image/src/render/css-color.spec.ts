import { BadParameterError } from '../errors/large-image.errors';
import { parseColor, parseCssColor, parseMatplotlibColor } from './css-color';

describe('parseColor', () => {
  it('reads CSS names as CSS defines them (green is #008000)', () => {
    expect(parseColor('green')).toEqual([0, 128, 0, 255]);
    expect(parseColor('Green')).toEqual([0, 128, 0, 255]);
    expect(parseColor('lime')).toEqual([0, 255, 0, 255]);
    expect(parseColor('rebeccapurple')).toEqual([102, 51, 153, 255]);
  });

  it('reads large_image’s upper-case primaries as pure colours', () => {
    expect(parseColor('GREEN')).toEqual([0, 255, 0, 255]);
    expect(parseColor('G')).toEqual([0, 255, 0, 255]);
    expect(parseColor('RED')).toEqual([255, 0, 0, 255]);
    expect(parseColor('B')).toEqual([0, 0, 255, 255]);
  });

  it('reads hex colours of 3, 4, 6 and 8 digits in either case', () => {
    expect(parseColor('#f00')).toEqual([255, 0, 0, 255]);
    expect(parseColor('#F008')).toEqual([255, 0, 0, 0x88]);
    expect(parseColor('#ABCDEF')).toEqual([0xab, 0xcd, 0xef, 255]);
    expect(parseColor('#00ff0080')).toEqual([0, 255, 0, 128]);
    expect(() => parseColor('#12345')).toThrow(BadParameterError);
  });

  it('reads rgb() and rgba() as PIL does, with an integer alpha on 0-255', () => {
    expect(parseColor('rgb(255, 0, 0)')).toEqual([255, 0, 0, 255]);
    expect(parseColor('RGB(100%, 50%, 0%)')).toEqual([255, 128, 0, 255]);
    expect(parseColor('rgba(0,0,255,128)')).toEqual([0, 0, 255, 128]);
    expect(parseColor('rgba(0, 0, 255, 0.5)')).toEqual([0, 0, 255, 128]);
    expect(parseColor('rgba(0, 0, 255, 50%)')).toEqual([0, 0, 255, 128]);
    expect(() => parseColor('rgb(300, 0, 0)')).toThrow(BadParameterError);
    expect(() => parseColor('rgba(0, 0, 0, 1.5)')).toThrow(BadParameterError);
  });

  it('reads hsl(), hsla() and hsv() as PIL’s colorsys conversion', () => {
    expect(parseColor('hsl(120, 100%, 25%)')).toEqual([0, 128, 0, 255]);
    expect(parseColor('hsl(0, 100%, 50%)')).toEqual([255, 0, 0, 255]);
    expect(parseColor('hsla(240, 100%, 50%, 0.5)')).toEqual([0, 0, 255, 128]);
    expect(parseColor('hsl(0, 0%, 50%)')).toEqual([128, 128, 128, 255]);
    expect(parseColor('hsv(60, 100%, 100%)')).toEqual([255, 255, 0, 255]);
  });

  it('falls back to matplotlib’s letters and tab: names, which are not CSS', () => {
    expect(parseCssColor('r')).toBeUndefined();
    expect(parseColor('r')).toEqual([255, 0, 0, 255]);
    expect(parseColor('g')).toEqual([0, 128, 0, 255]);
    expect(parseColor('c')).toEqual([0, 191, 191, 255]);
    expect(parseColor('tab:blue')).toEqual([0x1f, 0x77, 0xb4, 255]);
    expect(parseMatplotlibColor('TAB:Orange')).toEqual([0xff, 0x7f, 0x0e, 255]);
    expect(parseMatplotlibColor('tab:nope')).toBeUndefined();
  });

  it('rejects anything else with a message naming the colour', () => {
    expect(() => parseColor('notacolour')).toThrow(/"notacolour" is not a colour/);
    expect(() => parseColor('transparent')).toThrow(BadParameterError);
    expect(() => parseColor('')).toThrow(BadParameterError);
    expect(() => parseColor(' red')).toThrow(BadParameterError);
  });
});
