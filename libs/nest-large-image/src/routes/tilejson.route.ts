import { BadParameterError } from '../errors/large-image.errors';
import { versionTag } from './http-caching';
import type { LargeImageRoute } from './large-image-route';

/** `GET :id/tilejson.json`: TileJSON 3.0 for web maps (MapLibre, Leaflet, OpenLayers), EPSG:3857 tiles. */
export const tileJsonRoute: LargeImageRoute = {
  key: 'largeImageTileJson',
  path: ':id/tilejson.json',
  summary: 'TileJSON 3.0.0 describing the EPSG:3857 PNG tiles of a geospatial image',
  // Not cached: the tile URLs it lists depend on the host the request came through.
  caching: 'none',
  pathParameters: [],
  query: [{ name: 'format', type: 'string', description: 'Tile encoding in the URL template (png, jpeg, webp)', example: 'png' }],
  async handle({ service, file, query, origin, path }) {
    const stored = await file();
    const raster = await service.engine.open(stored);
    const format = query.format ?? 'png';
    if (!['png', 'jpeg', 'jpg', 'webp'].includes(format)) {
      throw new BadParameterError(`format '${format}' is not a tile encoding; use png, jpeg or webp`);
    }
    if (!raster.crs) throw new BadParameterError('This image is not georeferenced; TileJSON describes EPSG:3857 tiles only');
    const metadata = service.engine.metadata(raster, 'EPSG:3857');
    const { xmin, ymin, xmax, ymax } = metadata.bounds!;
    const base = `${origin}${path.replace(/\/tilejson\.json$/, '')}`;
    const maxzoom = metadata.levels - 1;
    return {
      tilejson: '3.0.0',
      // The version tag makes tile URLs change with the file, so they can be cached for long.
      tiles: [`${base}/tiles/{z}/{x}/{y}.${format}?projection=EPSG:3857&v=${versionTag(stored)}`],
      scheme: 'xyz',
      minzoom: 0,
      maxzoom,
      bounds: [xmin, ymin, xmax, ymax],
      center: [(xmin + xmax) / 2, (ymin + ymax) / 2, Math.max(0, maxzoom - 3)],
    };
  },
};
