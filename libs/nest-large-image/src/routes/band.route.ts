import { BadParameterError } from '../errors/large-image.errors';
import { COMMON_QUERY, FRAME_QUERY } from './common-parameters';
import type { LargeImageRoute } from './large-image-route';
import { integerQuery } from './query-values';

/** `GET :id/info/band?band=N`: one band's information. */
export const bandRoute: LargeImageRoute = {
  key: 'largeImageBand',
  path: ':id/info/band',
  summary: 'One band (band=N, 1-based, default 1): interpretation, dtype, min, max, mean, stdev, nodata, colortable',
  caching: 'store',
  pathParameters: [],
  query: [...COMMON_QUERY, { name: 'band', type: 'integer', description: 'Band number, from 1', example: 1 }, ...FRAME_QUERY],
  async handle({ service, file, query }) {
    const raster = await service.engine.open(await file());
    const band = integerQuery(query, 'band', { min: 1, max: 1_000_000 }, 1)!;
    if (band > raster.bandCount) throw new BadParameterError(`band ${band} does not exist: this image has ${raster.bandCount} band(s)`);
    const bands = await service.engine.bands(raster, integerQuery(query, 'frame', { min: 0, max: 1_000_000 }, 0));
    return bands[band];
  },
};
