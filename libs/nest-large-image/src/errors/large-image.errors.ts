/** Base class of every error the core raises; the HTTP layer maps each subclass to a status code. */
export abstract class LargeImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A request parameter is missing, malformed or out of range (HTTP 400). */
export class BadParameterError extends LargeImageError {}

/** The record or its file does not exist (HTTP 404). */
export class NotFoundError extends LargeImageError {}

/** The request would produce or read more than the configured limits allow (HTTP 413). */
export class TooLargeError extends LargeImageError {}

/** The file exists but is not a raster we can read, or its CRS cannot be resolved (HTTP 422). */
export class UnreadableImageError extends LargeImageError {}

/** The storage behind a file could not be reached (HTTP 503). */
export class StorageUnavailableError extends LargeImageError {}
