import type { GeoTIFF, GeoTIFFImage } from 'geotiff';
import { Crs } from '../geo/crs';
import type { BlockSource } from '../storage/block-source';

export type DType = 'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'float32' | 'float64';

/** GDAL-order affine transform: x = gt[0] + col*gt[1] + row*gt[2]; y = gt[3] + col*gt[4] + row*gt[5]. */
export type GeoTransform = [number, number, number, number, number, number];

/** One resolution level: the full-resolution image (index 0) or one of its overviews. */
export interface RasterLevel {
  image: GeoTIFFImage;
  width: number;
  height: number;
  tileWidth: number;
  tileHeight: number;
  /** Internal (GDAL-style) mask IFD of the same size: 0 = no data. */
  mask?: GeoTIFFImage;
}

/** One frame (page) of the image: its full-resolution IFD and that IFD's overviews. */
export interface RasterFrame {
  /** Levels ordered from full resolution to the smallest overview. */
  levels: RasterLevel[];
}

/** An opened TIFF/COG: everything needed to read windows and render tiles, parsed once. */
export interface RasterSource {
  /** Storage + key + version: the cache identity of this file's contents. */
  id: string;
  tiff: GeoTIFF;
  /** The file's bytes, through the block cache: `source.read(offset, length)`, `source.fileSize`. */
  source: BlockSource;
  /** Every IFD of the file in file order (frames, overviews, masks), as geotiff.js parsed them. */
  ifds: GeoTIFFImage[];
  width: number;
  height: number;
  bandCount: number;
  dtype: DType;
  /** Levels of the first frame, from full resolution to the smallest overview. */
  levels: RasterLevel[];
  /**
   * Every frame: full-resolution pages of the same size and bands that are not overviews or masks
   * (time series, channel stacks). A plain image has one.
   */
  frames: RasterFrame[];
  /** Absent for plain (non-georeferenced) images. */
  crs?: Crs;
  geoTransform?: GeoTransform;
  nodata: number | null;
  /** 0-based index of the alpha band (ExtraSamples), if any. */
  alphaBand: number | null;
  /** Estimated memory held by the parsed header (IFDs and their offset arrays), for cache accounting. */
  headerBytes: number;
  /** TIFF Photometric interpretation (1 min-is-black, 2 RGB, 3 palette, 6 YCbCr...). */
  photometric: number;
}
