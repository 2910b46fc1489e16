import { BadParameterError } from '../errors/large-image.errors';

/** How large an output image should be; all optional. */
export interface SizeRequest {
  width?: number;
  height?: number;
  maxWidth?: number;
  maxHeight?: number;
}

/**
 * large_image's _calculateWidthHeight: the largest size within maxWidth x maxHeight that keeps the
 * region's aspect ratio, exact on the limiting side (the other side truncated, at least 1).
 */
export function fitWithin(maxWidth: number | undefined, maxHeight: number | undefined, regionWidth: number, regionHeight: number): [number, number] {
  let width = maxWidth ?? 0;
  let height = maxHeight ?? 0;
  if (height && !width) width = height * 16;
  if (width && !height) height = width * 16;
  const scaledWidth = Math.max(1, Math.trunc((regionWidth * height) / regionHeight));
  const scaledHeight = Math.max(1, Math.trunc((regionHeight * width) / regionWidth));
  if (scaledWidth === width || (width * regionHeight > height * regionWidth && scaledHeight !== height)) return [scaledWidth, height];
  return [width, scaledHeight];
}

/**
 * Output size for a region of `regionWidth` x `regionHeight` pixels: `width` and `height` exactly, one of
 * them with the aspect ratio kept, or fitted within `maxWidth` x `maxHeight`; the region's own size otherwise.
 */
export function outputSize(regionWidth: number, regionHeight: number, request: SizeRequest): [number, number] {
  const { width, height, maxWidth, maxHeight } = request;
  for (const [name, value] of Object.entries(request)) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 1)) throw new BadParameterError(`${name} must be a positive integer`);
  }
  if (width && height) return [width, height];
  if (width) return [width, Math.max(1, Math.round((regionHeight * width) / regionWidth))];
  if (height) return [Math.max(1, Math.round((regionWidth * height) / regionHeight)), height];
  if (maxWidth || maxHeight) return fitWithin(maxWidth, maxHeight, regionWidth, regionHeight);
  return [Math.max(1, Math.round(regionWidth)), Math.max(1, Math.round(regionHeight))];
}
