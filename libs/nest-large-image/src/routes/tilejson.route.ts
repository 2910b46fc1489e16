import { frameLevels } from '../core/frame';
import { BadParameterError } from '../errors/large-image.errors';
import { parseEpsg } from '../geo/crs';
import { parseStyle } from '../render/style-spec';
import { COMMON_QUERY, FRAME_QUERY, STYLE_QUERY } from './common-parameters';
import { versionTag } from './http-caching';
import type { LargeImageRoute } from './large-image-route';
import { integerQuery, textQuery } from './query-values';

/** Parameters copied from the TileJSON request into its tile URLs, so a styled layer is one URL. */
const TILE_PARAMETERS = [...FRAME_QUERY, ...STYLE_QUERY].map((parameter) => parameter.name);

/** `GET :id/tilejson.json`: TileJSON 3.0 for web maps (MapLibre, Leaflet, OpenLayers), EPSG:3857 tiles. */
export const tileJsonRoute: LargeImageRoute = {
  key: 'largeImageTileJson',
  path: ':id/tilejson.json',
  summary: 'TileJSON 3.0.0 describing the EPSG:3857 tiles of a geospatial image, with the style and frame asked for',
  // Not cached: the tile URLs it lists depend on the host the request came through.
  caching: 'none',
  pathParameters: [],
  query: [
    ...COMMON_QUERY,
    { name: 'format', type: 'string', description: 'Tile encoding in the URL template (png, jpeg, webp)', example: 'png' },
    ...FRAME_QUERY,
    ...STYLE_QUERY,
  ],
  async handle({ service, file, query, origin, path }) {
    const projection = textQuery(query, 'projection');
    if (projection !== undefined && parseEpsg(projection) !== 3857) {
      throw new BadParameterError(`projection '${projection}' is not supported; TileJSON describes EPSG:3857 tiles only`);
    }
    const format = textQuery(query, 'format') ?? 'png';
    if (!['png', 'jpeg', 'jpg', 'webp'].includes(format)) {
      throw new BadParameterError(`format '${format}' is not a tile encoding; use png, jpeg or webp`);
    }
    // Checked here so a bad style is a 400 now rather than in every tile the map asks for.
    parseStyle(query);
    const frame = integerQuery(query, 'frame', { min: 0, max: 1_000_000 });
    const stored = await file();
    const raster = await service.engine.open(stored);
    if (!raster.crs) throw new BadParameterError('This image is not georeferenced; TileJSON describes EPSG:3857 tiles only');
    frameLevels(raster, frame);
    const metadata = service.engine.metadata(raster, 'EPSG:3857');
    const { xmin, ymin, xmax, ymax } = metadata.bounds!;
    const base = `${origin}${path.replace(/\/tilejson\.json$/, '')}`;
    const maxzoom = metadata.levels - 1;
    // The version tag makes tile URLs change with the file, so they can be cached for long.
    const tileQuery = new URLSearchParams({ projection: 'EPSG:3857' });
    for (const name of TILE_PARAMETERS) if (query[name] !== undefined) tileQuery.set(name, query[name]!);
    tileQuery.set('v', versionTag(stored));
    return {
      tilejson: '3.0.0',
      tiles: [`${base}/tiles/{z}/{x}/{y}.${format}?${tileQuery.toString().replace('EPSG%3A3857', 'EPSG:3857')}`],
      scheme: 'xyz',
      minzoom: 0,
      maxzoom,
      bounds: [xmin, ymin, xmax, ymax],
      center: [(xmin + xmax) / 2, (ymin + ymax) / 2, Math.max(0, maxzoom - 3)],
    };
  },
};
