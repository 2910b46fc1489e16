export { LargeImageModule } from './large-image.module';
export { LargeImage } from './large-image.decorator';
export { LargeImageService } from './large-image.service';
export { lowerHelperThreadPriority } from './process/helper-thread-priority';
export { LargeImageEngine } from './core/large-image.engine';
export { LargeImageExceptionFilter } from './errors/large-image-exception.filter';
export {
  LargeImageError,
  BadParameterError,
  NotFoundError,
  TooLargeError,
  UnreadableImageError,
  StorageUnavailableError,
} from './errors/large-image.errors';
export { parseStyle, styleKey } from './render/style-spec';
export { listColormaps } from './render/colormaps';
export { GeoTiffWriter } from './render/geotiff-writer';
export type {
  LargeImageModuleOptions,
  LargeImageCacheOptions,
  LargeImageLimits,
  LocalStorageOptions,
  S3StorageOptions,
} from './large-image-options.interface';
export type { EncodingOptions } from './render/image-formats';
export type { StyleSpec, StyleBand } from './render/style-spec';
export type { GeoTiffWriterOptions, GeoTiffFile } from './render/geotiff-writer';
export type { ByteStorage, StoredObjectInfo } from './storage/byte-storage.interface';
export type { StoredFile } from './storage/file-versions';
export type { LargeImageHost } from './routes/resolve-record';
export type { ImageMetadata } from './core/metadata';
export type { TileRequest, EncodedImage, RenderOptions, LargeImageEngineOptions } from './core/large-image.engine';
export type { HistogramRequest, HistogramResult } from './core/histogram';
export type { RegionRequest, StreamedGeoTiff } from './core/region';
export type { PixelRequest, PixelValue } from './core/pixel';
export type { BandInformation } from './core/band-information';
export type { RasterSource } from './tiff/raster-source';
export type { Raster } from './tiff/sample-level';
