import { COMMON_QUERY, integerParameter } from './common-parameters';
import type { LargeImageRoute } from './large-image-route';
import { textQuery } from './query-values';

/** `GET :id/tiles/:z/:x/:y/corners`: a tile's extent, as large_image's getTileCorners gives it. */
export const tileCornersRoute: LargeImageRoute = {
  key: 'largeImageTileCorners',
  path: ':id/tiles/:z/:x/:y/corners',
  summary: 'Tile extent: xmin, xmax, ymin, ymax in EPSG:3857 metres, or base pixels (y from the bottom) when unprojected',
  caching: 'etag',
  pathParameters: [
    { name: 'z', description: 'Zoom level', type: 'integer' },
    { name: 'x', description: 'Tile column, from the left', type: 'integer' },
    { name: 'y', description: 'Tile row, from the top', type: 'integer' },
  ],
  query: COMMON_QUERY,
  async handle({ service, file, params, query }) {
    const raster = await service.engine.open(await file());
    return service.engine.corners(raster, {
      z: integerParameter(params, 'z'),
      x: integerParameter(params, 'x'),
      y: integerParameter(params, 'y'),
      projection: textQuery(query, 'projection'),
    });
  },
};
