export { LargeImageModule } from './large-image.module';
export { LargeImage } from './large-image.decorator';
export { LargeImageService } from './large-image.service';
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
export type { LargeImageModuleOptions, LocalStorageOptions, S3StorageOptions } from './large-image-options.interface';
export type { ByteStorage, StoredObjectInfo } from './storage/byte-storage.interface';
export type { LargeImageHost } from './routes/resolve-record';
export type { ImageMetadata } from './core/metadata';
export type { TileRequest, EncodedImage, LargeImageEngineOptions } from './core/large-image.engine';
export type { RasterSource } from './tiff/raster-source';
export type { Raster } from './tiff/sample-level';
