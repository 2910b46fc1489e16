import { StreamableFile } from '@nestjs/common';
import type { EncodedImage, RenderOptions } from '../core/large-image.engine';
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

/** An encoded image as Nest sends it: its bytes with Content-Type and Content-Length. */
export function imageFile(image: EncodedImage): StreamableFile {
  return new StreamableFile(image.body, { type: image.mimeType, length: image.body.length });
}
