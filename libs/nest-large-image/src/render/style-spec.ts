import { decimalNumber } from '../decimal-number';
import { BadParameterError } from '../errors/large-image.errors';
import { findColormap } from './colormaps';
import { parseColor, parseCssColor, parseMatplotlibColor, type Rgba } from './css-color';

/** GDAL colour interpretations (lower case, as large_image reports them) a style may name a band by. */
const BAND_INTERPRETATIONS = [
  'gray', 'palette', 'red', 'green', 'blue', 'alpha', 'hue', 'saturation', 'lightness',
  'cyan', 'magenta', 'yellow', 'black', 'y', 'cb', 'cr', 'undefined',
] as const;
export type BandInterpretation = (typeof BAND_INTERPRETATIONS)[number];

/** A 1-based band number, -1 for large_image's default band (green of RGB, else the first), or an interpretation. */
export type BandSelector = number | BandInterpretation;

type Statistic = 'auto' | 'min' | 'max';
/**
 * Where `min`/`max` come from: a value; `auto` (0/255 when every band of the frame lies in 0-255, else the band's
 * own min/max); the band's `min` or `max`; `full` (0, or the dtype's top: 65535 for uint16, 1 for floats, else 255);
 * or a statistic with a histogram threshold, `min:0.02` excluding at most 2% of the values.
 */
export type RangeLimit = number | Statistic | 'full' | `${Statistic}:${number}`;

/** Palette colours are evenly spaced over [min, max]. */
export type Palette =
  /** A named colormap, in matplotlib's spelling (see colormaps.ts). */
  | { colormap: string }
  | { colors: Rgba[] }
  /** The band's own colour table (a GDAL palette band). */
  | { colortable: true };

/** One entry of a large_image style, with every default filled in. */
export interface StyleBand {
  band: BandSelector;
  /** Read this frame instead of the requested one. */
  frame?: number;
  /** Read the requested frame plus this (only when `frame` is absent). */
  framedelta?: number;
  min: RangeLimit;
  max: RangeLimit;
  palette: Palette;
  scheme: 'linear' | 'discrete';
  /** Values equal to this are transparent; `auto` is the file's nodata. */
  nodata: number | 'auto' | null;
  /** How the entry combines with the entries before it: per-channel maximum, or product. */
  composite: 'lighten' | 'multiply';
  /** False makes values outside [min, max] transparent instead of taking the palette's end colours. */
  clamp: boolean;
}

/** A normalised large_image style: entries composited in order. */
export interface StyleSpec {
  bands: StyleBand[];
}

/** What the default style needs to know of an image (see defaultStyleSpec). */
export interface ImageBands {
  /** Per band, 0-based, lower case: 'red', 'green', 'blue', 'gray', 'alpha', 'palette', 'undefined', ... */
  interpretations: readonly string[];
  /** The colour table of a palette band (0-based), if it has one. */
  colortable?(band: number): readonly Rgba[] | undefined;
}

/** django-large-image's `param_nully`: these query values mean "not given". */
const NULLY = new Set(['', 'undefined', 'none', 'null', 'false']);
const BAND_KEYS = ['band', 'frame', 'framedelta', 'min', 'max', 'palette', 'scheme', 'nodata', 'composite', 'clamp', 'dtype'];
/** large_image style keys we do not implement: they change the output's shape or run server-side code. */
const UNSUPPORTED_KEYS = ['axis', 'function'];
/** large_image's intermediate dtypes; accepted and ignored, because we always render 8-bit RGBA. */
const DTYPES = ['uint8', 'uint16', 'float', 'source'];
const GRAY: Rgba[] = [
  [0, 0, 0, 255],
  [255, 255, 255, 255],
];
const ALPHA_RAMP: Rgba[] = [
  [255, 255, 255, 0],
  [255, 255, 255, 255],
];
/** large_image geo `_styleBands`: the palette of each interpretation in the default style. */
const INTERPRETATION_PALETTES: Record<string, Rgba[]> = {
  red: [[0, 0, 0, 255], [255, 0, 0, 255]],
  green: [[0, 0, 0, 255], [0, 255, 0, 255]],
  blue: [[0, 0, 0, 255], [0, 0, 255, 255]],
  gray: GRAY,
  alpha: ALPHA_RAMP,
};

type Describe = (key: string) => string;

/**
 * The style of a request, as django-large-image's `get_style` builds it: the `style` parameter (JSON, already
 * URL-decoded) if present, else `band`, `min`, `max`, `palette` (or `cmap`), `nodata` and `scheme`, which apply
 * only when `band` is set and not 0. Undefined means the image's default style (see defaultStyleSpec).
 * Anything malformed is a BadParameterError.
 */
export function parseStyle(query: Record<string, string | undefined>): StyleSpec | undefined {
  const spec = query.style !== undefined ? parseStyleJson(query.style) : parseStyleParameters(query);
  if (spec?.bands.every((entry) => entry.composite === 'multiply')) {
    // large_image skips a first `multiply` entry, so such a style draws nothing: say so rather than send a blank image.
    throw new BadParameterError(
      'This style only multiplies (the alpha band multiplies by default) and so draws nothing; add an entry that draws first, or give the alpha band "composite": "lighten" and a palette to see it',
    );
  }
  return spec;
}

function parseStyleParameters(query: Record<string, string | undefined>): StyleSpec | undefined {
  if (nully(query.band)) return undefined;
  const entry: Record<string, unknown> = { band: query.band };
  const palette = query.palette !== undefined ? query.palette : query.cmap;
  for (const [key, value] of Object.entries({ min: query.min, max: query.max, palette, nodata: query.nodata, scheme: query.scheme })) {
    if (!nully(value)) entry[key] = value;
  }
  const describe: Describe = (key) => (key === 'palette' && query.palette === undefined ? '`cmap`' : `\`${key}\``);
  return singleEntry(entry, 'the style parameters', describe);
}

/** A stable text for a style, equal for equal styles (for cache keys). */
export function styleKey(spec: StyleSpec): string {
  return JSON.stringify(
    spec.bands.map((entry) => [
      entry.band, entry.frame ?? null, entry.framedelta ?? null, entry.min, entry.max, entry.palette,
      entry.scheme, entry.nodata, entry.composite, entry.clamp,
    ]),
  );
}

/**
 * large_image's default style for an image (geo `_styleBands`): its red, green and blue bands each through a
 * black-to-colour ramp and lightened together, else its gray band, else its palette band through its colour
 * table; then its alpha band multiplied in (over the type's full range). The ramps stretch `auto` and hide the
 * file's nodata. A palette band
 * without a table shows in grey, and so does the first band of an image with none of these interpretations
 * (where large_image would pass the raw values through unstyled).
 */
export function defaultStyleSpec(image: ImageBands): StyleSpec {
  const bands: StyleBand[] = [];
  for (const interpretation of ['red', 'green', 'blue', 'gray', 'palette', 'alpha']) {
    const index = image.interpretations.indexOf(interpretation);
    const onlyFirst = interpretation === 'gray' || interpretation === 'palette';
    if (index < 0 || (interpretation === 'alpha' && !bands.length) || (onlyFirst && bands.length)) continue;
    const table = interpretation === 'palette' ? image.colortable?.(index) : undefined;
    if (table?.length) {
      bands.push(entryWithDefaults({ band: index + 1, min: 0, max: table.length - 1, palette: { colortable: true } }));
    } else {
      bands.push(
        entryWithDefaults({
          band: index + 1,
          palette: { colors: INTERPRETATION_PALETTES[interpretation] ?? GRAY },
          nodata: 'auto',
          composite: interpretation === 'alpha' ? 'multiply' : 'lighten',
          // large_image stretches alpha with `auto` too, which hides an image whose alpha is opaque everywhere
          // (its range is then [255, 255]); the type's full range is what alpha means.
          ...(interpretation === 'alpha' ? { min: 0, max: 'full' } : {}),
        }),
      );
    }
  }
  return { bands: bands.length ? bands : [entryWithDefaults({ band: 1, nodata: 'auto' })] };
}

function parseStyleJson(text: string): StyleSpec | undefined {
  let style: unknown;
  try {
    style = JSON.parse(text);
  } catch (error) {
    throw new BadParameterError(`\`style\` is not valid JSON (is it URL-encoded?): ${(error as Error).message}`);
  }
  if (style === null) return undefined;
  if (!isObject(style)) throw new BadParameterError('`style` must be a JSON object: one band entry, or {"bands": [...]}');
  checkIcc(style.icc);
  if (!('bands' in style)) {
    const { icc: _icc, ...entry } = style;
    // large_image treats a style with no entries as no style.
    return Object.keys(entry).length ? singleEntry(entry, '`style`', (key) => `\`style.${key}\``) : undefined;
  }
  checkKeys(style, ['bands', 'dtype', 'icc'], (key) => `\`style.${key}\``);
  checkDtype(style.dtype, '`style.dtype`');
  if (!Array.isArray(style.bands)) throw new BadParameterError('`style.bands` must be a list of band entries');
  if (!style.bands.length) return undefined;
  return { bands: style.bands.map((entry, i) => parseEntry(entry, `\`style.bands[${i}]\``, (key) => `\`style.bands[${i}].${key}\``)) };
}

/** A lone entry whose band is 0 or negative asks for the default style, as in large_image geo sources. */
function singleEntry(entry: Record<string, unknown>, label: string, describe: Describe): StyleSpec | undefined {
  const parsed = parseEntry(entry, label, describe, true);
  return typeof parsed.band === 'number' && parsed.band <= 0 ? undefined : { bands: [parsed] };
}

function parseEntry(entry: unknown, label: string, describe: Describe, lone = false): StyleBand {
  if (!isObject(entry)) throw new BadParameterError(`${label} must be a JSON object`);
  checkKeys(entry, BAND_KEYS, describe);
  checkDtype(entry.dtype, describe('dtype'));
  const band = parseBand(entry.band ?? 1, describe('band'), lone);
  const frame = optionalInteger(entry.frame, describe('frame'), 0);
  const framedelta = frame === undefined ? optionalInteger(entry.framedelta, describe('framedelta')) : undefined;
  return entryWithDefaults({
    band,
    ...(frame !== undefined ? { frame } : {}),
    ...(framedelta ? { framedelta } : {}),
    min: parseLimit(entry.min ?? 'auto', describe('min')),
    max: parseLimit(entry.max ?? 'auto', describe('max')),
    palette: entry.palette === undefined ? undefined : parsePalette(entry.palette, describe('palette')),
    scheme: oneOf(entry.scheme ?? 'linear', ['linear', 'discrete'] as const, describe('scheme')),
    nodata: parseNodata(entry.nodata, describe('nodata')),
    composite: entry.composite === undefined ? undefined : oneOf(entry.composite, ['lighten', 'multiply'] as const, describe('composite')),
    clamp: parseBoolean(entry.clamp ?? true, describe('clamp')),
  });
}

/** large_image's defaults: the alpha band multiplies through a transparent-to-opaque ramp, others lighten through grey. */
function entryWithDefaults(entry: Partial<StyleBand> & Pick<StyleBand, 'band'>): StyleBand {
  const alpha = entry.band === 'alpha';
  return {
    band: entry.band,
    ...(entry.frame !== undefined ? { frame: entry.frame } : {}),
    ...(entry.framedelta !== undefined ? { framedelta: entry.framedelta } : {}),
    min: entry.min ?? 'auto',
    max: entry.max ?? 'auto',
    palette: entry.palette ?? { colors: alpha ? ALPHA_RAMP : GRAY },
    scheme: entry.scheme ?? 'linear',
    nodata: entry.nodata ?? null,
    composite: entry.composite ?? (alpha ? 'multiply' : 'lighten'),
    clamp: entry.clamp ?? true,
  };
}

/** `lone` allows 0 and negatives (asking for the default style); in a list only -1 (the default band) is allowed. */
function parseBand(value: unknown, name: string, lone: boolean): BandSelector {
  const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof number === 'number') {
    if (Number.isInteger(number) && (number >= 1 || number === -1 || lone)) return number;
    throw new BadParameterError(`${name} must be a band number from 1 (or -1 for the default band), not ${number}`);
  }
  const interpretation = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  if (BAND_INTERPRETATIONS.includes(interpretation as BandInterpretation)) return interpretation as BandInterpretation;
  throw new BadParameterError(
    `${name} must be a 1-based band number or an interpretation (${BAND_INTERPRETATIONS.join(', ')}), not ${JSON.stringify(value)}`,
  );
}

function parseLimit(value: unknown, name: string): RangeLimit {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (text === 'auto' || text === 'min' || text === 'max' || text === 'full') return text;
    const threshold = /^(auto|min|max):(.+)$/.exec(text);
    if (threshold) {
      const fraction = decimalNumber(threshold[2]);
      if (!(fraction >= 0 && fraction <= 1)) throw new BadParameterError(`${name}: the threshold in "${value}" must be a fraction from 0 to 1`);
      return fraction ? `${threshold[1] as Statistic}:${fraction}` : (threshold[1] as Statistic);
    }
    const number = decimalNumber(text);
    if (Number.isFinite(number)) return number;
  }
  throw new BadParameterError(
    `${name} must be a number, "auto", "min", "max", "full" or "min:<fraction>", "max:<fraction>", "auto:<fraction>", not ${JSON.stringify(value)}`,
  );
}

/**
 * large_image's getPaletteColors: a list of colours (strings, or [r, g, b(, a)] fractions), else one name. We look
 * names up as colormaps before colours, so `gray`, `grey` and `pink` are the matplotlib colormaps the colormaps
 * route lists (large_image would take them as the CSS colours, a ramp from black to #808080 or to pink). A single
 * CSS colour ramps from opaque black, a matplotlib-only colour (`r`, `tab:blue`) from transparent black, as there.
 */
function parsePalette(value: unknown, name: string): Palette {
  if (Array.isArray(value)) {
    if (!value.length) throw new BadParameterError(`${name} must not be an empty list`);
    return { colors: value.map((entry, i) => parsePaletteEntry(entry, `${name}[${i}]`)) };
  }
  if (typeof value !== 'string') throw new BadParameterError(`${name} must be a colormap name, a colour or a list of colours`);
  if (value === 'colortable') return { colortable: true };
  const colormap = findColormap(value);
  if (colormap) return { colormap: colormap.name };
  const css = parseCssColor(value);
  if (css) return { colors: [[0, 0, 0, 255], css] };
  const matplotlib = parseMatplotlibColor(value);
  if (matplotlib) return { colors: [[0, 0, 0, 0], matplotlib] };
  throw new BadParameterError(
    `${name}: "${value}" is neither a colormap (see /api/large-image/colormaps) nor a colour; palettable palette names are not supported`,
  );
}

function parsePaletteEntry(entry: unknown, name: string): Rgba {
  if (typeof entry === 'string') {
    try {
      return parseColor(entry);
    } catch (error) {
      throw new BadParameterError(`${name}: ${(error as Error).message}`);
    }
  }
  const fractions = Array.isArray(entry) && (entry.length === 3 || entry.length === 4) ? entry : [];
  if (!fractions.length || !fractions.every((v) => typeof v === 'number' && v >= 0 && v <= 1)) {
    throw new BadParameterError(`${name} must be a colour string or [r, g, b] / [r, g, b, a] fractions from 0 to 1`);
  }
  const [r, g, b, a = 1] = fractions as number[];
  return [r * 255, g * 255, b * 255, a * 255];
}

function parseNodata(value: unknown, name: string): number | 'auto' | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.toLowerCase() === 'auto') return 'auto';
    const number = decimalNumber(text);
    if (Number.isFinite(number)) return number;
  }
  throw new BadParameterError(`${name} must be a number, "auto" (the file's nodata) or null, not ${JSON.stringify(value)}`);
}

function optionalInteger(value: unknown, name: string, minimum = -Infinity): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= minimum) return value;
  throw new BadParameterError(`${name} must be an integer${minimum === 0 ? ' from 0' : ''}, not ${JSON.stringify(value)}`);
}

function parseBoolean(value: unknown, name: string): boolean {
  if (typeof value === 'boolean') return value;
  throw new BadParameterError(`${name} must be true or false, not ${JSON.stringify(value)}`);
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], name: string): T {
  if (allowed.includes(value as T)) return value as T;
  throw new BadParameterError(`${name} must be ${allowed.map((v) => `"${v}"`).join(' or ')}, not ${JSON.stringify(value)}`);
}

function checkKeys(object: Record<string, unknown>, allowed: readonly string[], describe: Describe): void {
  for (const key of Object.keys(object)) {
    if (UNSUPPORTED_KEYS.includes(key)) throw new BadParameterError(`${describe(key)} is not supported`);
    if (!allowed.includes(key)) throw new BadParameterError(`${describe(key)} is not a style key (allowed: ${allowed.join(', ')})`);
  }
}

function checkDtype(value: unknown, name: string): void {
  if (value !== undefined) oneOf(value, DTYPES, name);
}

/** large_image's ICC switch: we never apply ICC profiles, so either value renders the same. */
function checkIcc(value: unknown): void {
  if (value !== undefined) parseBoolean(value, '`style.icc`');
}

function nully(value: string | undefined): boolean {
  return value === undefined || NULLY.has(value.toLowerCase());
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
