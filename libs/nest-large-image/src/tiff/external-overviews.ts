import type { GeoTIFFImage } from 'geotiff';
import type { BlockSource } from '../storage/block-source';
import type { DecodedBlockCache } from './decoded-block-cache';
import { estimateHeaderBytes, isMask, levelOf, openImages } from './open-raster';
import type { RasterSource } from './raster-source';

/**
 * Adds the images of GDAL's external overviews (`<file>.ovr`, as `gdaladdo -ro` writes them, read through
 * `overviews`) to the levels of `raster` as GDAL uses them: those with the image's bands and sample size
 * and smaller than it, finest first, with the .ovr's masks of their size. For an image without internal
 * overviews (GDAL prefers those). An image with an internal mask keeps to full resolution when the .ovr
 * has no masks (gdaladdo -ro writes none for it): its overviews would show masked areas as data.
 */
export async function addExternalOverviews(raster: RasterSource, overviews: BlockSource, decodedBlocks?: DecodedBlockCache, headerPrefetchBytes = 0): Promise<void> {
  const { images } = await openImages(overviews, decodedBlocks, headerPrefetchBytes);
  const main = raster.levels[0].image;
  const matches = (image: GeoTIFFImage) =>
    !isMask(image) &&
    image.getSamplesPerPixel() === main.getSamplesPerPixel() &&
    image.getBitsPerSample(0) === main.getBitsPerSample(0) &&
    image.getWidth() < main.getWidth();
  const masks = images.filter(isMask);
  const levels = images
    .filter(matches)
    .sort((a, b) => b.getWidth() - a.getWidth())
    .map((image) => levelOf(image, masks));
  if (raster.levels[0].mask && !levels.every((level) => level.mask)) return;
  raster.levels.push(...levels);
  raster.headerBytes += estimateHeaderBytes(images);
}
