import { BadParameterError } from '../errors/large-image.errors';
import type { LargeImageRoute } from './large-image-route';

/** `DELETE :id/cache`: forgets everything cached about the record's file, in every process. */
export const purgeCacheRoute: LargeImageRoute = {
  key: 'largeImagePurgeCache',
  method: 'DELETE',
  path: ':id/cache',
  summary: "Purge the cached tiles, thumbnails, statistics and opened source of this record's file (every process, and Redis)",
  caching: 'none',
  pathParameters: [],
  query: [{ name: 'scope', type: 'string', description: 'all (default): also the opened file; tiles: only rendered answers' }],
  async handle({ service, reference, query }) {
    const scope = query.scope ?? 'all';
    if (scope !== 'all' && scope !== 'tiles') throw new BadParameterError(`scope must be all or tiles, got '${scope}'`);
    await service.engine.purge(reference, scope);
    return { purged: true, scope };
  },
};
