import { IMAGE_FORMATS } from '../render/image-formats';
import { COMMON_QUERY, FRAME_QUERY, STYLE_QUERY } from './common-parameters';
import type { LargeImageRoute } from './large-image-route';
import { MAX_OUTPUT_EDGE, integerQuery, numberQuery, textQuery } from './query-values';
import { renderOptions } from './render-options';

/** `GET :id/data/region.:format`: a part of the image; tif/tiff give a GeoTIFF of the data. */
export const regionRoute: LargeImageRoute = {
  key: 'largeImageRegion',
  path: ':id/data/region.:format',
  summary:
    'Region of the image: left/right/top/bottom in units (pixels, EPSG:NNNN, projection; EPSG:4326 by default for georeferenced images). tif/tiff answer with a tiled GeoTIFF of the data; 400 when the region misses the image, 413 past the size limit',
  caching: 'etag',
  pathParameters: [{ name: 'format', description: 'Encoding (tif/tiff: GeoTIFF)', type: 'string', enum: Object.keys(IMAGE_FORMATS) }],
  query: [
    ...COMMON_QUERY,
    { name: 'left', type: 'number', required: true, description: 'Left edge (inclusive)' },
    { name: 'top', type: 'number', required: true, description: 'Top edge (inclusive)' },
    { name: 'right', type: 'number', required: true, description: 'Right edge (exclusive)' },
    { name: 'bottom', type: 'number', required: true, description: 'Bottom edge (exclusive)' },
    { name: 'units', type: 'string', description: 'pixels, EPSG:NNNN or projection', example: 'EPSG:4326' },
    { name: 'width', type: 'integer', description: 'Output width in pixels (with height: exact size; alone: aspect kept)' },
    { name: 'height', type: 'integer', description: 'Output height in pixels' },
    { name: 'max_width', type: 'integer', description: 'Largest output width, aspect kept' },
    { name: 'max_height', type: 'integer', description: 'Largest output height, aspect kept' },
    ...FRAME_QUERY,
    ...STYLE_QUERY,
  ],
  produces: [...new Set(Object.values(IMAGE_FORMATS))],
  async handle({ service, file, params, query, onResponseClosed }) {
    const edge = { min: 1, max: MAX_OUTPUT_EDGE };
    const request = {
      format: params.format,
      bounds: {
        left: numberQuery(query, 'left', true),
        top: numberQuery(query, 'top', true),
        right: numberQuery(query, 'right', true),
        bottom: numberQuery(query, 'bottom', true),
        units: textQuery(query, 'units'),
      },
      size: {
        width: integerQuery(query, 'width', edge),
        height: integerQuery(query, 'height', edge),
        maxWidth: integerQuery(query, 'max_width', edge),
        maxHeight: integerQuery(query, 'max_height', edge),
      },
      ...renderOptions(query),
    };
    const raster = await service.engine.open(await file());
    const region = await service.engine.region(raster, request);
    // A temporary GeoTIFF is deleted when its stream closes, also when the client goes away early.
    if ('stream' in region) onResponseClosed(() => region.stream.destroy());
    return region;
  },
};
