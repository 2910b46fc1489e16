import { IMAGE_FORMATS } from '../render/image-formats';
import { COMMON_QUERY, FRAME_QUERY, STYLE_QUERY, integerParameter } from './common-parameters';
import type { LargeImageRoute } from './large-image-route';
import { renderOptions } from './render-options';

/** `GET :id/tiles/:z/:x/:y.:format`: one tile of the native or EPSG:3857 pyramid. */
export const tileRoute: LargeImageRoute = {
  key: 'largeImageTile',
  path: ':id/tiles/:z/:x/:y.:format',
  summary: 'Tile image; transparent where the tile is outside the image; 400 when z/x/y is outside the pyramid',
  caching: 'store',
  pathParameters: [
    { name: 'z', description: 'Zoom level: 0 is the whole image (pixel space) or the whole world (EPSG:3857)', type: 'integer' },
    { name: 'x', description: 'Tile column, from the left', type: 'integer' },
    { name: 'y', description: 'Tile row, from the top', type: 'integer' },
    { name: 'format', description: 'Image encoding', type: 'string', enum: Object.keys(IMAGE_FORMATS) },
  ],
  query: [...COMMON_QUERY, ...FRAME_QUERY, ...STYLE_QUERY],
  produces: [...new Set(Object.values(IMAGE_FORMATS))],
  async handle({ service, file, params, query }) {
    const request = {
      z: integerParameter(params, 'z'),
      x: integerParameter(params, 'x'),
      y: integerParameter(params, 'y'),
      format: params.format,
      ...renderOptions(query),
    };
    const raster = await service.engine.open(await file());
    return service.engine.renderTile(raster, request);
  },
};
