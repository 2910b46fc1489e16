import { COMMON_QUERY } from './common-parameters';
import type { LargeImageRoute } from './large-image-route';
import { textQuery } from './query-values';

/** `GET :id/tiles/metadata`: django-large-image's tile-pyramid summary. */
export const tilesMetadataRoute: LargeImageRoute = {
  key: 'largeImageTilesMetadata',
  path: ':id/tiles/metadata',
  summary: 'Tile pyramid summary: levels, size_x, size_y, tile_size, geospatial, frames, additional_metadata',
  caching: 'etag',
  pathParameters: [],
  query: COMMON_QUERY,
  async handle({ service, file, query }) {
    const raster = await service.engine.open(await file());
    const metadata = service.engine.metadata(raster, textQuery(query, 'projection'));
    return {
      levels: metadata.levels,
      size_x: metadata.sizeX,
      size_y: metadata.sizeY,
      tile_size: metadata.tileWidth,
      geospatial: metadata.geospatial,
      frames: metadata.frames,
      additional_metadata: metadata,
    };
  },
};
