import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { LargeImageError } from './large-image.errors';
import { httpStatusOf } from './http-status.table';

/**
 * Turns core errors into JSON `{statusCode, error, message}` responses on the generated routes.
 * HttpExceptions (from guards, pipes...) keep Nest's own handling.
 */
@Catch(LargeImageError)
export class LargeImageExceptionFilter implements ExceptionFilter {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(error: LargeImageError, host: ArgumentsHost): void {
    const status = httpStatusOf(error);
    const body = { statusCode: status, error: reasonPhrase(status), message: error.message };
    this.adapterHost.httpAdapter.reply(host.switchToHttp().getResponse(), body, status);
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
