/** Extent of the EPSG:3857 world square, in metres. */
export const WORLD_SIZE = 40075016.68557849;
export const WORLD_ORIGIN = WORLD_SIZE / 2;

/** Metres per pixel of an XYZ zoom level. */
export function zoomResolution(z: number, tileSize: number): number {
  return WORLD_SIZE / (tileSize * 2 ** z);
}

/** [xmin, ymin, xmax, ymax] of an XYZ tile in EPSG:3857 metres. */
export function tileBounds3857(z: number, x: number, y: number, tileSize: number): [number, number, number, number] {
  const span = zoomResolution(z, tileSize) * tileSize;
  const xmin = -WORLD_ORIGIN + x * span;
  const ymax = WORLD_ORIGIN - y * span;
  return [xmin, ymax - span, xmin + span, ymax];
}

/**
 * large_image's rule for projected pyramids: levels reach the first zoom whose metres per pixel are at most
 * as fine as the native pixel size, plus one.
 */
export function mercatorLevels(groundPixelMeters: number, tileSize: number): number {
  const exact = Math.log2(WORLD_SIZE / (groundPixelMeters * tileSize));
  const nearest = Math.round(exact);
  const zoom = Math.abs(exact - nearest) < 1e-9 ? nearest : Math.ceil(exact);
  return Math.max(zoom, 0) + 1;
}

/** large_image's rule in pixel space: level 0 is one tile holding the whole image. */
export function pixelLevels(width: number, height: number, tileSize: number): number {
  return Math.max(Math.ceil(Math.log2(Math.max(width, height) / tileSize)), 0) + 1;
}
