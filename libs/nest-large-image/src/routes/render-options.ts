import type { RenderOptions } from '../core/large-image.engine';
import { parseStyle } from '../render/style-spec';
import { integerQuery, textQuery } from './query-values';

/** projection, frame and style, as every rendering route takes them. */
export function renderOptions(query: Record<string, string | undefined>): RenderOptions {
  return {
    projection: textQuery(query, 'projection'),
    frame: integerQuery(query, 'frame', { min: 0, max: 1_000_000 }),
    style: parseStyle(query),
  };
}
