import { COMMON_QUERY } from './common-parameters';
import type { LargeImageRoute } from './large-image-route';

/** `GET :id/info/metadata_internal`: TIFF/GeoTIFF internals. */
export const metadataInternalRoute: LargeImageRoute = {
  key: 'largeImageMetadataInternal',
  path: ':id/info/metadata_internal',
  summary: 'TIFF/GeoTIFF internals: driver, size, geotransform, projection, GDAL metadata, IFDs, geokeys, nodata, COG layout check',
  caching: 'etag',
  pathParameters: [],
  query: COMMON_QUERY,
  async handle({ service, file }) {
    return service.engine.internalMetadata(await service.engine.open(await file()));
  },
};
