import { COMMON_QUERY, FRAME_QUERY } from './common-parameters';
import type { LargeImageRoute } from './large-image-route';
import { integerQuery } from './query-values';

/** `GET :id/info/bands`: every band's interpretation, statistics, nodata, colour table. */
export const bandsRoute: LargeImageRoute = {
  key: 'largeImageBands',
  path: ':id/info/bands',
  summary: 'Per band (keys are 1-based band numbers): interpretation, dtype, min, max, mean, stdev, nodata, scale, offset, units, colortable',
  caching: 'store',
  pathParameters: [],
  query: [...COMMON_QUERY, ...FRAME_QUERY],
  async handle({ service, file, query }) {
    const raster = await service.engine.open(await file());
    return service.engine.bands(raster, integerQuery(query, 'frame', { min: 0, max: 1_000_000 }, 0));
  },
};
