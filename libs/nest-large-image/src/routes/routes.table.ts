import { bandRoute } from './band.route';
import { bandsRoute } from './bands.route';
import { framesRoute } from './frames.route';
import { histogramRoute } from './histogram.route';
import type { LargeImageRoute } from './large-image-route';
import { metadataInternalRoute } from './metadata-internal.route';
import { metadataRoute } from './metadata.route';
import { pixelRoute } from './pixel.route';
import { purgeCacheRoute } from './purge-cache.route';
import { regionRoute } from './region.route';
import { thumbnailRoute } from './thumbnail.route';
import { tileCornersRoute } from './tile-corners.route';
import { tileJsonRoute } from './tilejson.route';
import { tileRoute } from './tile.route';
import { tiffDumpRoute } from './tiffdump.route';
import { tilesMetadataRoute } from './tiles-metadata.route';

/** Every route @LargeImage adds: the single source of paths, parameters and Swagger docs. */
export const LARGE_IMAGE_ROUTES: readonly LargeImageRoute[] = [
  metadataRoute,
  metadataInternalRoute,
  bandsRoute,
  bandRoute,
  framesRoute,
  tiffDumpRoute,
  tilesMetadataRoute,
  tileRoute,
  tileCornersRoute,
  tileJsonRoute,
  thumbnailRoute,
  regionRoute,
  pixelRoute,
  histogramRoute,
  purgeCacheRoute,
];
