import { createTestApp } from './support/large-image-test-app';
import { describeTilesAgreeWithGdal } from './support/tiles-agree-with-gdal';

describeTilesAgreeWithGdal('local disk', createTestApp, (fixture) => fixture);
