import { LargeImageError } from '../errors/large-image.errors';

/**
 * The GeoTIFF writer was given options or rows it cannot write, or was used out of order. These are bugs in
 * the calling code (request parameters are validated before a writer exists), so on purpose the HTTP error
 * table has no entry for it and it surfaces as a 500.
 */
export class GeoTiffWriterError extends LargeImageError {}
