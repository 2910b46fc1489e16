import { COMMON_QUERY, FRAME_QUERY, STYLE_QUERY } from './common-parameters';
import type { LargeImageRoute } from './large-image-route';
import { numberQuery, textQuery } from './query-values';
import { renderOptions } from './render-options';

/** `GET :id/data/pixel`: the values under one point. */
export const pixelRoute: LargeImageRoute = {
  key: 'largeImagePixel',
  path: ':id/data/pixel',
  summary: 'Native band values (bands, 1-based) and the styled colour (r, g, b, a) of the pixel at left/top',
  caching: 'etag',
  pathParameters: [],
  query: [
    ...COMMON_QUERY,
    { name: 'left', type: 'number', required: true, description: 'x: a pixel column, or a coordinate in units' },
    { name: 'top', type: 'number', required: true, description: 'y: a pixel row, or a coordinate in units' },
    { name: 'units', type: 'string', description: 'pixels (default), EPSG:NNNN (EPSG:4326: lon/lat) or projection' },
    ...FRAME_QUERY,
    ...STYLE_QUERY,
  ],
  async handle({ service, file, query }) {
    const request = {
      left: numberQuery(query, 'left', true),
      top: numberQuery(query, 'top', true),
      units: textQuery(query, 'units'),
      ...renderOptions(query),
    };
    const raster = await service.engine.open(await file());
    return service.engine.pixel(raster, request);
  },
};
