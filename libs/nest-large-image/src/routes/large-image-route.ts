import type { StreamableFile } from '@nestjs/common';
import type { LargeImageService } from '../large-image.service';

/** A query parameter a route accepts, as documented in Swagger. */
export interface RouteQueryParameter {
  name: string;
  description: string;
  type: 'string' | 'number' | 'integer' | 'boolean';
  required?: boolean;
  example?: string | number;
}

/** What a generated handler hands to a route's implementation. */
export interface RouteContext {
  service: LargeImageService;
  /** The record's file reference (e.g. `s3://bucket/key`). */
  reference: string;
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  /** `scheme://host` of the request, for absolute URLs (TileJSON). */
  origin: string;
  /** Path of the request without its query string. */
  path: string;
  /** Runs `callback` once the response is finished or the client has gone (to release streams). */
  onResponseClosed(callback: () => void): void;
}

/** One endpoint added to a user's controller: its path, its Swagger documentation and its implementation. */
export interface LargeImageRoute {
  /** Method name on the controller; also the Swagger operationId suffix. */
  key: string;
  /** Path under the controller's own path, with `:id` for the record. */
  path: string;
  summary: string;
  pathParameters: Array<{ name: string; description: string; type: 'string' | 'integer'; enum?: string[] }>;
  query: RouteQueryParameter[];
  /** MIME types of a successful answer (JSON when absent). */
  produces?: string[];
  handle(context: RouteContext): Promise<object | StreamableFile>;
}
