import { color as cssNamedColor } from 'd3-color';
import { BadParameterError } from '../errors/large-image.errors';

/** A colour as [red, green, blue, alpha], each on large_image's 0-255 scale (palette entries may be fractional). */
export type Rgba = [number, number, number, number];

/**
 * large_image (tilesource/utilities.py `colormap`) maps these exact, case-sensitive spellings to the pure
 * primaries before asking PIL, because CSS `green` is #008000; any other spelling (`green`, `Green`) is CSS.
 */
const LARGE_IMAGE_PRIMARIES: Record<string, Rgba> = {
  R: [255, 0, 0, 255],
  G: [0, 255, 0, 255],
  B: [0, 0, 255, 255],
  RED: [255, 0, 0, 255],
  GREEN: [0, 255, 0, 255],
  BLUE: [0, 0, 255, 255],
};

/**
 * The matplotlib colour names large_image falls back to when PIL cannot parse a colour
 * (matplotlib/_color_data.py BASE_COLORS and TABLEAU_COLORS, as `matplotlib.colors.to_hex` rounds them).
 * Single letters are case-sensitive there; `tab:` names are not. xkcd names are not supported.
 */
const MATPLOTLIB_LETTERS: Record<string, string> = {
  b: '#0000ff',
  g: '#008000',
  r: '#ff0000',
  c: '#00bfbf',
  m: '#bf00bf',
  y: '#bfbf00',
  k: '#000000',
  w: '#ffffff',
};
const MATPLOTLIB_TABLEAU: Record<string, string> = {
  'tab:blue': '#1f77b4',
  'tab:orange': '#ff7f0e',
  'tab:green': '#2ca02c',
  'tab:red': '#d62728',
  'tab:purple': '#9467bd',
  'tab:brown': '#8c564b',
  'tab:pink': '#e377c2',
  'tab:gray': '#7f7f7f',
  'tab:grey': '#7f7f7f',
  'tab:olive': '#bcbd22',
  'tab:cyan': '#17becf',
};

const NUMBER = String.raw`(\d+(?:\.\d*)?|\.\d+)`;
const functional = (name: string, units: string[]) =>
  new RegExp(String.raw`^${name}\(\s*` + units.map((unit) => NUMBER + unit).join(String.raw`\s*,\s*`) + String.raw`\s*\)$`);
const RGB = functional('rgb', ['', '', '']);
const RGB_PERCENT = functional('rgb', ['%', '%', '%']);
const RGBA = functional('rgba', ['', '', '', '(%?)']);
const HSL = functional('hsla?', ['', '%', '%']);
const HSLA = functional('hsla?', ['', '%', '%', '(%?)']);
const HSV = functional('hs[bv]', ['', '%', '%']);

/**
 * A colour as PIL's `ImageColor.getcolor(value, 'RGBA')` reads it (after large_image's primaries), which is
 * how large_image parses style colours: `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, `rgb(r, g, b)` in 0-255 or
 * percentages, `rgba(r, g, b, a)`, `hsl(h, s%, l%)`, `hsv()`/`hsb()` and the CSS colour names, all
 * case-insensitive. As in PIL, an integer `rgba()` alpha is on the 0-255 scale (`rgba(255,0,0,128)` is half
 * transparent). Beyond PIL we accept a CSS-style fractional or percentage alpha (`0.5`, `50%`) and `hsla()`.
 * Undefined when the text is not such a colour.
 */
export function parseCssColor(text: string): Rgba | undefined {
  const primary = LARGE_IMAGE_PRIMARIES[text];
  if (primary) return [...primary];
  const value = text.toLowerCase();
  const hex = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(value)?.[1];
  if (hex) return parseHex(hex);
  let match: RegExpExecArray | null;
  if ((match = RGB.exec(value))) return checked(text, [Number(match[1]), Number(match[2]), Number(match[3]), 255]);
  if ((match = RGB_PERCENT.exec(value))) return checked(text, [percentByte(match[1]), percentByte(match[2]), percentByte(match[3]), 255]);
  if ((match = RGBA.exec(value))) {
    return checked(text, [Number(match[1]), Number(match[2]), Number(match[3]), alphaByte(match[4], match[5] === '%')]);
  }
  if ((match = HSL.exec(value)) || (match = HSLA.exec(value))) {
    const [h, s, l] = [Number(match[1]) / 360, Number(match[2]) / 100, Number(match[3]) / 100];
    const alpha = match[4] === undefined ? 255 : alphaByte(match[4], match[5] === '%', true);
    return checked(text, [...hlsToRgb(h, l, s).map(roundHalfUp), alpha] as Rgba);
  }
  if ((match = HSV.exec(value))) {
    const [h, s, v] = [Number(match[1]) / 360, Number(match[2]) / 100, Number(match[3]) / 100];
    return checked(text, [...hsvToRgb(h, s, v).map(roundHalfUp), 255] as Rgba);
  }
  // PIL knows the CSS names but not CSS's `transparent`.
  if (/^[a-z]+$/.test(value) && value !== 'transparent') {
    const named = cssNamedColor(value)?.rgb();
    if (named) return [named.r, named.g, named.b, 255];
  }
  return undefined;
}

/** A matplotlib-only colour name (`r`, `g`, ..., `tab:blue`), which large_image accepts through matplotlib. */
export function parseMatplotlibColor(text: string): Rgba | undefined {
  const hex = text.length === 1 ? MATPLOTLIB_LETTERS[text] : MATPLOTLIB_TABLEAU[text.toLowerCase()];
  return hex ? parseHex(hex.slice(1)) : undefined;
}

/** One style colour: a CSS/PIL colour or else a matplotlib colour name; anything else is a bad parameter. */
export function parseColor(text: string): Rgba {
  const rgba = parseCssColor(text) ?? parseMatplotlibColor(text);
  if (!rgba) {
    throw new BadParameterError(
      `"${text}" is not a colour: use #rgb, #rgba, #rrggbb, #rrggbbaa, rgb(), rgba(), hsl(), hsla() or a CSS or matplotlib colour name`,
    );
  }
  return rgba;
}

function parseHex(hex: string): Rgba {
  const pairs = hex.length <= 4 ? [...hex].map((digit) => digit + digit) : hex.match(/../g)!;
  const [r, g, b, a = 255] = pairs.map((pair) => parseInt(pair, 16));
  return [r, g, b, a];
}

/** PIL: int(value * 255 / 100 + 0.5). */
function percentByte(text: string): number {
  return Math.floor((Number(text) * 255) / 100 + 0.5);
}

/** PIL reads an integer alpha on the 0-255 scale; a fraction or percentage is CSS's 0-1 opacity. */
function alphaByte(text: string, percent: boolean, cssScale = false): number {
  if (percent) return percentByte(text);
  if (cssScale || text.includes('.')) return roundHalfUp(Number(text) * 255);
  return Number(text);
}

function checked(text: string, rgba: Rgba): Rgba {
  if (rgba.some((channel) => !(channel >= 0 && channel <= 255))) {
    throw new BadParameterError(`Colour "${text}" has a channel outside 0-255 (or an opacity outside 0-1)`);
  }
  return rgba;
}

/** PIL's int(value + 0.5). */
function roundHalfUp(value: number): number {
  return Math.floor(value + 0.5);
}

/** Python's colorsys.hls_to_rgb, which PIL uses for hsl(). */
function hlsToRgb(h: number, l: number, s: number): number[] {
  if (s === 0) return [l, l, l].map((v) => v * 255);
  const m2 = l <= 0.5 ? l * (1 + s) : l + s - l * s;
  const m1 = 2 * l - m2;
  const channel = (hue: number) => {
    hue = ((hue % 1) + 1) % 1;
    if (hue < 1 / 6) return m1 + (m2 - m1) * hue * 6;
    if (hue < 0.5) return m2;
    if (hue < 2 / 3) return m1 + (m2 - m1) * (2 / 3 - hue) * 6;
    return m1;
  };
  return [channel(h + 1 / 3), channel(h), channel(h - 1 / 3)].map((v) => v * 255);
}

/** Python's colorsys.hsv_to_rgb, which PIL uses for hsv()/hsb(). */
function hsvToRgb(h: number, s: number, v: number): number[] {
  if (s === 0) return [v, v, v].map((c) => c * 255);
  const i = Math.floor(h * 6);
  const f = h * 6 - i;
  const [p, q, t] = [v * (1 - s), v * (1 - s * f), v * (1 - s * (1 - f))];
  const rgb = [
    [v, t, p],
    [q, v, p],
    [p, v, t],
    [p, q, v],
    [t, p, v],
    [v, p, q],
  ][((i % 6) + 6) % 6];
  return rgb.map((c) => c * 255);
}
