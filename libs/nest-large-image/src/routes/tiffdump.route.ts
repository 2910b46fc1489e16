import { COMMON_QUERY } from './common-parameters';
import type { LargeImageRoute } from './large-image-route';

/** `GET :id/info/tiffdump`: the raw IFD structure, as tifftools dumps it. */
export const tiffDumpRoute: LargeImageRoute = {
  key: 'largeImageTiffDump',
  path: ':id/info/tiffdump',
  summary: 'IFD dump as JSON (firstifd, size, ifds with their tags); 422 for a file that is not a TIFF',
  caching: 'etag',
  pathParameters: [],
  query: COMMON_QUERY,
  async handle({ service, file }) {
    return service.engine.tiffDump(await file());
  },
};
