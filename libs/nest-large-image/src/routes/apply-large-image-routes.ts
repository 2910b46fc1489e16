import { Delete, Get, Inject, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery } from '@nestjs/swagger';
import { LargeImageExceptionFilter } from '../errors/large-image-exception.filter';
import { LARGE_IMAGE_ADAPTER_PROPERTY, LARGE_IMAGE_SERVICE_PROPERTY } from '../large-image.constants';
import { LargeImageService } from '../large-image.service';
import type { StoredFile } from '../storage/file-versions';
import { validateQuery } from './common-parameters';
import { cacheKey, etagOf, isNotModified, versionTag } from './http-caching';
import type { LargeImageRoute, RouteContext } from './large-image-route';
import { LargeImageHost, resolveFileReference } from './resolve-record';
import { fromCacheEntry, sendResult, toCacheEntry } from './route-response';
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

type HostInstance = LargeImageHost & {
  [LARGE_IMAGE_SERVICE_PROPERTY]: LargeImageService;
  [LARGE_IMAGE_ADAPTER_PROPERTY]: HttpAdapterHost;
};

/**
 * Adds every large-image route to `target` (a user's controller) with Nest's and Swagger's public
 * decorators, so the controller's own guards, interceptors, versioning and tags apply to them.
 * Each handler is a fresh named function so Swagger operationIds are stable; a name clash fails loudly.
 */
export function applyLargeImageRoutes(target: Function, fileField: string): void {
  const prototype = target.prototype as Record<string, unknown>;
  for (const route of LARGE_IMAGE_ROUTES) {
    if (route.key in prototype) {
      throw new Error(`${target.name}.${route.key} already exists; @LargeImage needs that name for ${route.method ?? 'GET'} ${route.path}`);
    }
    const handler = {
      async [route.key](this: HostInstance, params: Record<string, string>, query: Record<string, string>, request: IncomingRequest, response: ClosableResponse) {
        validateQuery(query, route.query);
        const reference = await resolveFileReference(this, fileField, params.id, request);
        const service = this[LARGE_IMAGE_SERVICE_PROPERTY];
        let resolving: Promise<StoredFile> | undefined;
        const context: RouteContext = {
          service,
          reference,
          file: () => (resolving ??= service.engine.resolve(reference)),
          params,
          query,
          origin: originOf(request),
          path: (request.originalUrl ?? request.url ?? '').split('?')[0],
          onResponseClosed: (callback) => response.once('close', callback),
        };
        await answer(route, context, request, response, this[LARGE_IMAGE_ADAPTER_PROPERTY].httpAdapter);
      },
    }[route.key];
    Object.defineProperty(prototype, route.key, { value: handler, writable: true, configurable: true, enumerable: false });
    Reflect.defineMetadata('design:paramtypes', [Object, Object, Object, Object], prototype, route.key);
    Param()(prototype, route.key, 0);
    Query()(prototype, route.key, 1);
    Req()(prototype, route.key, 2);
    // The handler answers through the HTTP adapter itself: it needs 304s, streams and cached bytes.
    Res()(prototype, route.key, 3);
    const descriptor = Object.getOwnPropertyDescriptor(prototype, route.key)!;
    for (const decorate of routeDecorators(route)) decorate(prototype, route.key, descriptor);
  }
  Inject(LargeImageService)(prototype, LARGE_IMAGE_SERVICE_PROPERTY);
  Inject(HttpAdapterHost)(prototype, LARGE_IMAGE_ADAPTER_PROPERTY);
}

/**
 * Runs a route with HTTP caching: the ETag comes from the file's version and the normalised parameters,
 * the module's output options and the normalised parameters, before any pixel work, so a matching
 * If-None-Match is a 304 at the cost of a stat; `store` routes are then served from the tile cache,
 * rendered once per key.
 */
async function answer(
  route: LargeImageRoute,
  context: RouteContext,
  request: IncomingRequest,
  response: ClosableResponse,
  adapter: HttpAdapterHost['httpAdapter'],
): Promise<void> {
  if (route.caching === 'none') return sendResult(adapter, response, await route.handle(context));
  const file = await context.file();
  const key = cacheKey(file, route, context.params, context.query, context.service.outputSignature);
  const etag = etagOf(key);
  // Set only on answers that succeed: an error must not be cached by proxies nor revalidated into a 304.
  const setCachingHeaders = () => {
    adapter.setHeader(response, 'ETag', etag);
    adapter.setHeader(response, 'Cache-Control', context.service.cacheControl(context.query.v === versionTag(file)));
  };
  if (isNotModified(request.headers['if-none-match'], etag)) {
    setCachingHeaders();
    return adapter.reply(response, undefined, 304);
  }
  const result =
    route.caching === 'etag'
      ? await route.handle(context)
      : fromCacheEntry(await context.service.engine.cached(key, async () => toCacheEntry(await route.handle(context))));
  setCachingHeaders();
  sendResult(adapter, response, result);
}

function routeDecorators(route: LargeImageRoute): MethodDecorator[] {
  return [
    route.method === 'DELETE' ? Delete(route.path) : Get(route.path),
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
