import { HttpStatus } from '@nestjs/common';
import {
  BadParameterError,
  LargeImageError,
  NotFoundError,
  StorageUnavailableError,
  TooLargeError,
  UnreadableImageError,
} from './large-image.errors';

/** The one table that maps core errors to HTTP status codes. */
const STATUS_BY_ERROR: Array<[abstract new (...args: never[]) => LargeImageError, HttpStatus]> = [
  [BadParameterError, HttpStatus.BAD_REQUEST],
  [NotFoundError, HttpStatus.NOT_FOUND],
  [TooLargeError, HttpStatus.PAYLOAD_TOO_LARGE],
  [UnreadableImageError, HttpStatus.UNPROCESSABLE_ENTITY],
  [StorageUnavailableError, HttpStatus.SERVICE_UNAVAILABLE],
];

export function httpStatusOf(error: LargeImageError): HttpStatus {
  return STATUS_BY_ERROR.find(([type]) => error instanceof type)?.[1] ?? HttpStatus.INTERNAL_SERVER_ERROR;
}
