import { BadParameterError, TooLargeError } from '../errors/large-image.errors';
import { parseEpsg } from '../geo/crs';
import { EncodingOptions, assertEncodable, encodeRgba, isTiffFormat, mimeTypeOf } from '../render/image-formats';
import { GeoTiffFile, GeoTiffWriter, PixelValues } from '../render/geotiff-writer';
import type { RasterSource } from '../tiff/raster-source';
import type { Raster } from '../tiff/sample-level';
import type { EncodedImage } from './encoded-image';
import { OutputGrid, gridRows } from './output-grid';
import type { SizeRequest } from './output-size';
import type { Pyramid } from './pyramid';
import { RegionBounds, RegionWindow, regionWindow } from './region-window';
import type { GridRenderer } from './render-grid';
import { renderInBands } from './render-in-bands';
import type { GridSampler } from './sample-grid';

export interface RegionRequest {
  bounds: RegionBounds;
  size: SizeRequest;
  format: string;
  frame?: number;
  /** Set when the request carries a style: TIFF output is then styled RGBA instead of the data. */
  styled: boolean;
}

export interface RegionLimits {
  /** Largest PNG/JPEG/WebP (and styled TIFF) output, in pixels; these are encoded in memory. */
  maxImagePixels: number;
  /** Largest GeoTIFF output, in pixels; GeoTIFFs are streamed from a temporary file. */
  maxGeoTiffPixels: number;
  /** Where GeoTIFFs are assembled. */
  temporaryDirectory?: string;
}

/** A GeoTIFF being streamed from its temporary file (deleted when the stream closes). */
export interface StreamedGeoTiff extends GeoTiffFile {
  mimeType: 'image/tiff';
}

/**
 * django-large-image's region: the bounds resolved to a window of the image (or of the EPSG:3857 world),
 * at native resolution unless a size is asked. `tif`/`tiff` answer with a tiled, DEFLATE-compressed
 * GeoTIFF of the data in the image's CRS (or EPSG:3857), written in bands of tile rows so memory stays
 * bounded; other formats with the styled image.
 */
export async function renderRegion(
  raster: RasterSource,
  pyramid: Pyramid,
  request: RegionRequest,
  output: { render: GridRenderer; sample: GridSampler },
  limits: RegionLimits,
  encoding: EncodingOptions,
): Promise<EncodedImage | StreamedGeoTiff> {
  const { render } = output;
  const mimeType = mimeTypeOf(request.format);
  const window = regionWindow(raster, pyramid, request.bounds, request.size);
  const { width, height } = window.grid;
  const asData = isTiffFormat(request.format) && !request.styled;
  const limit = asData ? limits.maxGeoTiffPixels : limits.maxImagePixels;
  if (width * height > limit) {
    throw new TooLargeError(
      `The region would be ${width} x ${height} = ${width * height} pixels, over the limit of ${limit} pixels for ${request.format} output; ask for a smaller region or a smaller width/height`,
    );
  }
  assertEncodable(request.format, width, height);
  if (isTiffFormat(request.format)) {
    // A file's internal mask is copied as one, as gdal_translate does: without nodata, masked pixels
    // would otherwise read as data. The sampled alpha is that mask only where nothing else makes a pixel
    // empty (a nodata value or an alpha band, which the file's own data carries).
    const masked = asData && raster.levels[0].mask !== undefined && raster.nodata === null && raster.alphaBand === null;
    const rowsOf = asData
      ? async (grid: OutputGrid) => {
          const sampled = await output.sample(grid);
          return { values: withNodata(sampled, raster.nodata), mask: masked ? maskOf(sampled) : undefined };
        }
      : async (grid: OutputGrid) => ({ values: await render(grid) });
    return { ...(await writeGeoTiff(raster, window, rowsOf, asData, masked, limits.temporaryDirectory)), mimeType: 'image/tiff' };
  }
  return { body: await encodeRgba(await renderInBands(window.grid, render), width, height, request.format, encoding), mimeType };
}

async function writeGeoTiff(
  raster: RasterSource,
  window: RegionWindow,
  /** Native values (for data GeoTIFFs) or RGBA of a band of rows, and its mask when `masked`. */
  rowsOf: (grid: OutputGrid) => Promise<{ values: PixelValues; mask?: Uint8Array }>,
  asData: boolean,
  masked: boolean,
  directory: string | undefined,
): Promise<GeoTiffFile> {
  const { grid } = window;
  const epsg = window.crs && parseEpsg(window.crs.code);
  if (window.crs && epsg === undefined) throw new BadParameterError(`The CRS ${window.crs.code} cannot be written to a GeoTIFF`);
  const writer = await GeoTiffWriter.create({
    width: grid.width,
    height: grid.height,
    bands: asData ? raster.bandCount : 4,
    dtype: asData ? raster.dtype : 'uint8',
    photometric: asData ? (raster.photometric === 2 || raster.photometric === 6 ? 'rgb' : 'minisblack') : 'rgb',
    alphaBand: asData ? raster.alphaBand === raster.bandCount - 1 : true,
    nodata: asData ? raster.nodata : null,
    geo: window.crs && window.geoTransform ? { epsg: epsg!, isGeographic: window.crs.isGeographic, geoTransform: window.geoTransform } : undefined,
    directory,
    mask: masked,
  });
  try {
    for (const { y0, rows } of writer.tileRows()) {
      const { values, mask } = await rowsOf(gridRows(grid, y0, rows));
      await writer.writeTileRow(y0, values, mask);
    }
    return await writer.finish();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

/** GDAL's mask values of sampled pixels: 255 where there is data, 0 where there is none. */
function maskOf({ alpha }: Raster): Uint8Array {
  return alpha.map((value) => (value === 0 ? 0 : 255));
}

/** Data outside the image (or with no valid sample) carries the file's nodata value, as gdalwarp writes it. */
function withNodata(values: Raster, nodata: number | null): Float64Array {
  if (nodata === null) return values.values;
  const { bands, alpha } = values;
  for (let i = 0; i < alpha.length; i++) {
    if (alpha[i] !== 0) continue;
    let empty = true;
    for (let band = 0; band < bands && empty; band++) empty = values.values[i * bands + band] === 0;
    if (empty) values.values.fill(nodata, i * bands, (i + 1) * bands);
  }
  return values.values;
}
