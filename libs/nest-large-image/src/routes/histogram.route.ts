import { decimalNumber } from '../decimal-number';
import { BadParameterError } from '../errors/large-image.errors';
import { COMMON_QUERY, FRAME_QUERY } from './common-parameters';
import type { LargeImageRoute } from './large-image-route';
import { booleanQuery, integerQuery, textQuery } from './query-values';

/** `GET :id/data/histogram`: per-band statistics and numpy histograms over every valid pixel. */
export const histogramRoute: LargeImageRoute = {
  key: 'largeImageHistogram',
  path: ':id/data/histogram',
  summary:
    'Per band: min, max, mean, stdev, hist, bin_edges, samples over all valid pixels (nodata and masked excluded), at full resolution unless analysis_size is given',
  caching: 'store',
  pathParameters: [],
  query: [
    ...COMMON_QUERY,
    { name: 'bins', type: 'integer', description: 'Number of bins (default 256)', example: 256 },
    { name: 'density', type: 'boolean', description: 'Divide counts by the number of samples (default false)' },
    { name: 'onlyMinMax', type: 'boolean', description: 'Only min, max, mean and stdev per band (default false)' },
    { name: 'range', type: 'string', description: 'Histogram range for every band as "low,high"; default [min, max + 1] per band' },
    {
      name: 'analysis_size',
      type: 'integer',
      description: 'Faster: use the coarsest overview whose longer side is at least this many pixels (reported as level, width, height)',
    },
    { name: 'format', type: 'string', description: 'Accepted for django-large-image compatibility; ignored' },
    ...FRAME_QUERY,
  ],
  async handle({ service, file, query }) {
    const request = {
      bins: integerQuery(query, 'bins', { min: 1, max: 65536 }, 256)!,
      density: booleanQuery(query, 'density', false),
      onlyMinMax: booleanQuery(query, 'onlyMinMax', false),
      range: parseRange(textQuery(query, 'range')),
      analysisSize: integerQuery(query, 'analysis_size', { min: 1, max: 1_000_000 }),
      frame: integerQuery(query, 'frame', { min: 0, max: 1_000_000 }),
    };
    const raster = await service.engine.open(await file());
    return service.engine.histogram(raster, request);
  },
};

function parseRange(text: string | undefined): [number, number] | undefined {
  if (text === undefined) return undefined;
  const parts = text.replace(/^\[|\]$/g, '').split(',').map(decimalNumber);
  if (parts.length !== 2 || !parts.every(Number.isFinite) || !(parts[0] < parts[1])) {
    throw new BadParameterError(`range must be two increasing numbers "low,high", got '${text}'`);
  }
  return [parts[0], parts[1]];
}
