import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { LargeImageError } from './large-image.errors';
import { httpStatusOf } from './http-status.table';

/**
 * Turns core errors into uncacheable JSON `{statusCode, error, message}` responses on the generated routes.
 * HttpExceptions (from guards, pipes...) keep Nest's own handling.
 */
@Catch(LargeImageError)
export class LargeImageExceptionFilter implements ExceptionFilter {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(error: LargeImageError, host: ArgumentsHost): void {
    const status = httpStatusOf(error);
    const body = { statusCode: status, error: reasonPhrase(status), message: error.message };
    const response = host.switchToHttp().getResponse();
    // Some errors pass (a storage outage, a file replaced by a readable one): no cache should keep them.
    this.adapterHost.httpAdapter.setHeader(response, 'Cache-Control', 'no-store');
    this.adapterHost.httpAdapter.reply(response, body, status);
  }
}

/** `UNPROCESSABLE_ENTITY` → `Unprocessable Entity`, as Nest's own error bodies say it. */
function reasonPhrase(status: HttpStatus): string {
  return HttpStatus[status]
    .toLowerCase()
    .split('_')
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join(' ');
}
