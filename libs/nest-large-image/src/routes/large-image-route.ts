import type { EncodedImage } from '../core/encoded-image';
import type { StreamedGeoTiff } from '../core/region';
import type { LargeImageService } from '../large-image.service';
import type { StoredFile } from '../storage/file-versions';

/** A query parameter a route accepts, as documented in Swagger. */
export interface RouteQueryParameter {
  name: string;
  description: string;
  type: 'string' | 'number' | 'integer' | 'boolean';
  required?: boolean;
  example?: string | number;
}

/** What a route answers: an encoded image, a streamed GeoTIFF, or a JSON-serialisable object. */
export type RouteResult = EncodedImage | StreamedGeoTiff | object;

/** What a generated handler hands to a route's implementation. */
export interface RouteContext {
  service: LargeImageService;
  /** The record's file reference (e.g. `s3://bucket/key`). */
  reference: string;
  /** The stored file and its current version (resolved once per request). */
  file(): Promise<StoredFile>;
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  /** `scheme://host` of the request, for absolute URLs (TileJSON). */
  origin: string;
  /** Path of the request without its query string. */
  path: string;
  /** Runs `callback` once the response is finished or the client has gone (to release streams). */
  onResponseClosed(callback: () => void): void;
}

/**
 * How an answer is cached: `store` keeps it in the tile cache (memory, then Redis) and answers with an
 * ETag and 304s; `etag` only does the ETag and 304s; `none` neither.
 */
export type RouteCaching = 'store' | 'etag' | 'none';

/** One endpoint added to a user's controller: its path, its Swagger documentation and its implementation. */
export interface LargeImageRoute {
  /** Method name on the controller; also the Swagger operationId suffix. */
  key: string;
  /** HTTP method. @default 'GET' */
  method?: 'GET' | 'DELETE';
  /** Path under the controller's own path, with `:id` for the record. */
  path: string;
  summary: string;
  pathParameters: Array<{ name: string; description: string; type: 'string' | 'integer'; enum?: string[] }>;
  query: RouteQueryParameter[];
  /** MIME types of a successful answer (JSON when absent). */
  produces?: string[];
  caching: RouteCaching;
  handle(context: RouteContext): Promise<RouteResult>;
}
