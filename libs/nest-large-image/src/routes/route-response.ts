import { StreamableFile } from '@nestjs/common';
import type { AbstractHttpAdapter } from '@nestjs/core';
import { ServerResponse } from 'node:http';
import type { EncodedImage } from '../core/encoded-image';
import type { RouteResult } from './large-image-route';

const JSON_TYPE = 'application/json; charset=utf-8';

function isEncodedImage(result: RouteResult): result is EncodedImage {
  return Buffer.isBuffer((result as EncodedImage).body) && typeof (result as EncodedImage).mimeType === 'string';
}

function isStream(result: RouteResult): result is { stream: NodeJS.ReadableStream & { destroy(): void }; size: number; mimeType: string } {
  return typeof (result as { stream?: { pipe?: unknown } }).stream?.pipe === 'function';
}

/** Sends a route's answer through Nest's HTTP adapter (Express or Fastify): images and streams with their length. */
export function sendResult(adapter: AbstractHttpAdapter, response: unknown, result: RouteResult): void {
  if (isEncodedImage(result) && response instanceof ServerResponse) {
    // Express's response is Node's own: writing the bytes directly spares a Readable and a pipeline per
    // answer, a fifth of what a cache hit costs.
    response.statusCode = 200;
    response.setHeader('Content-Type', result.mimeType);
    response.setHeader('Content-Length', result.body.length);
    response.end(result.body);
  } else if (isEncodedImage(result)) {
    adapter.reply(response, new StreamableFile(result.body, { type: result.mimeType, length: result.body.length }), 200);
  } else if (isStream(result)) {
    adapter.reply(response, new StreamableFile(result.stream as never, { type: result.mimeType, length: result.size }), 200);
  } else {
    adapter.reply(response, result, 200);
  }
}

/**
 * An answer as bytes for the tile cache: its MIME type on the first line, then its body. The copy is
 * also what sizes the entry to what the cache counts: libvips allocates its output with room to grow (a
 * 263 KB PNG from sharp sat in a 528 KB allocation, a 355-byte one in 16 KB).
 */
export function toCacheEntry(result: RouteResult): Buffer {
  if (isEncodedImage(result)) return Buffer.concat([Buffer.from(`${result.mimeType}\n`), result.body]);
  if (isStream(result)) throw new Error('Streamed answers are not cached');
  return Buffer.concat([Buffer.from(`${JSON_TYPE}\n`), Buffer.from(JSON.stringify(result))]);
}

export function fromCacheEntry(entry: Buffer): EncodedImage {
  const newline = entry.indexOf(10);
  return { mimeType: entry.subarray(0, newline).toString(), body: entry.subarray(newline + 1) };
}
