import { Get, Inject, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery } from '@nestjs/swagger';
import { LargeImageExceptionFilter } from '../errors/large-image-exception.filter';
import { LARGE_IMAGE_SERVICE_PROPERTY } from '../large-image.constants';
import { LargeImageService } from '../large-image.service';
import type { LargeImageRoute } from './large-image-route';
import { validateQuery } from './common-parameters';
import { LargeImageHost, resolveFileReference } from './resolve-record';
import { LARGE_IMAGE_ROUTES } from './routes.table';

interface IncomingRequest {
  headers: Record<string, string | string[] | undefined>;
  url?: string;
  originalUrl?: string;
  protocol?: string;
}

interface ClosableResponse {
  once(event: 'close', listener: () => void): unknown;
}

type HostInstance = LargeImageHost & { [LARGE_IMAGE_SERVICE_PROPERTY]: LargeImageService };

/**
 * Adds every large-image route to `target` (a user's controller) with Nest's and Swagger's public
 * decorators, so the controller's own guards, interceptors, versioning and tags apply to them.
 * Each handler is a fresh named function so Swagger operationIds are stable; a name clash fails loudly.
 */
export function applyLargeImageRoutes(target: Function, fileField: string): void {
  const prototype = target.prototype as Record<string, unknown>;
  for (const route of LARGE_IMAGE_ROUTES) {
    if (route.key in prototype) {
      throw new Error(`${target.name}.${route.key} already exists; @LargeImage needs that name for GET ${route.path}`);
    }
    const handler = {
      async [route.key](
        this: HostInstance,
        params: Record<string, string>,
        query: Record<string, string>,
        request: IncomingRequest,
        response: ClosableResponse,
      ) {
        validateQuery(query, route.query);
        const reference = await resolveFileReference(this, fileField, params.id, request);
        const path = (request.originalUrl ?? request.url ?? '').split('?')[0];
        const onResponseClosed = (callback: () => void) => response.once('close', callback);
        return route.handle({ service: this[LARGE_IMAGE_SERVICE_PROPERTY], reference, params, query, origin: originOf(request), path, onResponseClosed });
      },
    }[route.key];
    Object.defineProperty(prototype, route.key, { value: handler, writable: true, configurable: true, enumerable: false });
    Reflect.defineMetadata('design:paramtypes', [Object, Object, Object, Object], prototype, route.key);
    Param()(prototype, route.key, 0);
    Query()(prototype, route.key, 1);
    Req()(prototype, route.key, 2);
    // passthrough: Nest still sends what the handler returns; the response is only watched for 'close'.
    Res({ passthrough: true })(prototype, route.key, 3);
    const descriptor = Object.getOwnPropertyDescriptor(prototype, route.key)!;
    for (const decorate of routeDecorators(route)) decorate(prototype, route.key, descriptor);
  }
  Inject(LargeImageService)(prototype, LARGE_IMAGE_SERVICE_PROPERTY);
}

function routeDecorators(route: LargeImageRoute): MethodDecorator[] {
  return [
    Get(route.path),
    UseFilters(LargeImageExceptionFilter),
    ApiOperation({ summary: route.summary }),
    ApiParam({ name: 'id', description: 'Record id', type: 'string' }),
    ...route.pathParameters.map((parameter) => ApiParam(parameter)),
    ...route.query.map(({ name, description, type, required, example }) =>
      ApiQuery({ name, description, type, required: Boolean(required), example }),
    ),
    ...(route.produces
      ? [ApiProduces(...route.produces), ApiOkResponse({ description: 'Encoded image', schema: { type: 'string', format: 'binary' } })]
      : [ApiOkResponse({ description: 'JSON' })]),
  ];
}

/** `scheme://host` as the client sees it (honouring a reverse proxy's X-Forwarded-* headers). */
function originOf(request: IncomingRequest): string {
  const header = (name: string) => {
    const value = request.headers[name];
    return (Array.isArray(value) ? value[0] : value)?.split(',')[0].trim();
  };
  const protocol = header('x-forwarded-proto') ?? request.protocol ?? 'http';
  return `${protocol}://${header('x-forwarded-host') ?? header('host') ?? 'localhost'}`;
}
