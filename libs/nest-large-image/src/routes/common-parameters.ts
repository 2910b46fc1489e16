import { BadParameterError } from '../errors/large-image.errors';
import type { RouteQueryParameter } from './large-image-route';

/** The readers `source` may name (django-large-image's `source` parameter). */
export const SOURCES: Readonly<Record<string, string>> = {
  geotiff: 'TIFF, BigTIFF, GeoTIFF and Cloud Optimized GeoTIFF (tiled or stripped, with overviews and masks), read with geotiff.js',
};

/** Parameters every large-image route accepts. */
export const COMMON_QUERY: RouteQueryParameter[] = [
  {
    name: 'projection',
    type: 'string',
    description: 'EPSG:3857 for the web-mercator XYZ pyramid; leave out for the native pixel pyramid',
    example: 'EPSG:3857',
  },
  { name: 'source', type: 'string', description: `Force a reader: ${Object.keys(SOURCES).join(', ')}` },
  {
    name: 'v',
    type: 'string',
    description: "The file's version tag (TileJSON URLs carry it): when it matches, the answer may be cached for a year",
  },
];

/** Which frame (page) of a multi-frame image to read. */
export const FRAME_QUERY: RouteQueryParameter[] = [
  { name: 'frame', type: 'integer', description: 'Frame (page) of a multi-frame image, from 0; see info/frames' },
];

/** django-large-image's style parameters, on every route that renders colours. */
export const STYLE_QUERY: RouteQueryParameter[] = [
  { name: 'band', type: 'string', description: 'Band to show (1-based, or red, green, blue, gray, alpha); the other simple style parameters need it' },
  { name: 'min', type: 'string', description: 'Value shown as the start of the palette: a number, auto, min, max or full' },
  { name: 'max', type: 'string', description: 'Value shown as the end of the palette: a number, auto, min, max or full' },
  { name: 'palette', type: 'string', description: 'A named colormap (see /api/large-image/colormaps), one colour, or a comma-free list in style JSON' },
  { name: 'cmap', type: 'string', description: 'Alias of palette' },
  { name: 'nodata', type: 'number', description: 'Value shown as transparent' },
  { name: 'scheme', type: 'string', description: 'linear (default) or discrete' },
  {
    name: 'style',
    type: 'string',
    description: 'URL-encoded large_image style JSON: {"bands":[{"band":1,"palette":"viridis","min":"auto","max":"auto"}]}; overrides the simple parameters',
  },
];

/** Rejects unknown query parameters and unknown sources with a 400 that lists what is accepted. */
export function validateQuery(query: Record<string, string | undefined>, accepted: RouteQueryParameter[]): void {
  const names = accepted.map((parameter) => parameter.name);
  const unknown = Object.keys(query).filter((name) => !names.includes(name));
  if (unknown.length) {
    throw new BadParameterError(`Unknown query parameter(s): ${unknown.join(', ')}; this route accepts: ${names.join(', ')}`);
  }
  const source = query.source;
  if (source && !(source in SOURCES)) {
    throw new BadParameterError(`'${source}' is not a valid source. Try one of: ${Object.keys(SOURCES).join(', ')}`);
  }
  for (const parameter of accepted) {
    const value = query[parameter.name];
    if (value === undefined) continue;
    if (Array.isArray(value)) throw new BadParameterError(`Query parameter '${parameter.name}' was given more than once`);
  }
}

/** Parses a non-negative integer path segment, with a 400 naming it when it is not one. */
export function integerParameter(params: Record<string, string>, name: string): number {
  const text = params[name];
  if (!/^\d{1,9}$/.test(text ?? '')) throw new BadParameterError(`'${name}' must be a non-negative integer, got '${text}'`);
  return Number(text);
}
