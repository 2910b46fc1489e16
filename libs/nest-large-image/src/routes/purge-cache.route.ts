import type { LargeImageRoute } from './large-image-route';

/** `DELETE :id/cache`: forgets everything cached about the record's file, in every process. */
export const purgeCacheRoute: LargeImageRoute = {
  key: 'largeImagePurgeCache',
  method: 'DELETE',
  path: ':id/cache',
  summary: "Purge the cached tiles, thumbnails, statistics and opened source of this record's file (every process, and Redis)",
  caching: 'none',
  pathParameters: [],
  query: [],
  async handle({ service, reference }) {
    await service.engine.purge(reference);
    return { purged: true };
  },
};
