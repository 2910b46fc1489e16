import { COMMON_QUERY } from './common-parameters';
import type { LargeImageRoute } from './large-image-route';
import { textQuery } from './query-values';

/** `GET :id/info/metadata`: large_image metadata, with EPSG:4326 bounds for geospatial images. */
export const metadataRoute: LargeImageRoute = {
  key: 'largeImageMetadata',
  path: ':id/info/metadata',
  summary: 'Image metadata: levels, size, tile size, dtype, bands, bounds (EPSG:4326) and projection',
  caching: 'etag',
  pathParameters: [],
  query: COMMON_QUERY,
  async handle({ service, file, query }) {
    const raster = await service.engine.open(await file());
    return service.engine.metadata(raster, textQuery(query, 'projection'));
  },
};
