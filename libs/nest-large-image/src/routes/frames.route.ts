import { COMMON_QUERY } from './common-parameters';
import type { LargeImageRoute } from './large-image-route';

/** `GET :id/info/frames`: the frames and their bands, for band/frame pickers. */
export const framesRoute: LargeImageRoute = {
  key: 'largeImageFrames',
  path: ':id/info/frames',
  summary: 'Frames with their bands: {frames: [{frame, bands: [{index, frame, name}]}]}',
  caching: 'etag',
  pathParameters: [],
  query: COMMON_QUERY,
  async handle({ service, file }) {
    return service.engine.frames(await service.engine.open(await file()));
  },
};
