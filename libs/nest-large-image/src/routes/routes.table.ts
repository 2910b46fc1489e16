import type { LargeImageRoute } from './large-image-route';
import { metadataRoute } from './metadata.route';
import { tileJsonRoute } from './tilejson.route';
import { tileRoute } from './tile.route';
import { tilesMetadataRoute } from './tiles-metadata.route';

/** Every route @LargeImage adds: the single source of paths, parameters and Swagger docs. */
export const LARGE_IMAGE_ROUTES: readonly LargeImageRoute[] = [metadataRoute, tilesMetadataRoute, tileRoute, tileJsonRoute];
