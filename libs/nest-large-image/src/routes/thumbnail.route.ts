import { IMAGE_FORMATS } from '../render/image-formats';
import { COMMON_QUERY, FRAME_QUERY, STYLE_QUERY } from './common-parameters';
import type { LargeImageRoute } from './large-image-route';
import { MAX_OUTPUT_EDGE, integerQuery } from './query-values';
import { renderOptions } from './render-options';

/** `GET :id/data/thumbnail.:format`: the whole image within max_width x max_height. */
export const thumbnailRoute: LargeImageRoute = {
  key: 'largeImageThumbnail',
  path: ':id/data/thumbnail.:format',
  summary: 'Thumbnail of the whole image, aspect kept, exactly max_width or max_height on the limiting side',
  caching: 'store',
  pathParameters: [{ name: 'format', description: 'Image encoding', type: 'string', enum: Object.keys(IMAGE_FORMATS) }],
  query: [
    ...COMMON_QUERY,
    { name: 'max_width', type: 'integer', description: 'Largest width in pixels (default 256)', example: 256 },
    { name: 'max_height', type: 'integer', description: 'Largest height in pixels (default 256)', example: 256 },
    ...FRAME_QUERY,
    ...STYLE_QUERY,
  ],
  produces: [...new Set(Object.values(IMAGE_FORMATS))],
  async handle({ service, file, params, query }) {
    const edge = { min: 2, max: MAX_OUTPUT_EDGE };
    const request = {
      format: params.format,
      maxWidth: integerQuery(query, 'max_width', edge, 256)!,
      maxHeight: integerQuery(query, 'max_height', edge, 256)!,
      ...renderOptions(query),
    };
    const raster = await service.engine.open(await file());
    return service.engine.thumbnail(raster, request);
  },
};
