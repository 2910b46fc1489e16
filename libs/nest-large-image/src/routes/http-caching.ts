import { createHash } from 'node:crypto';
import { parseStyle, styleKey } from '../render/style-spec';
import type { StoredFile } from '../storage/file-versions';
import type { LargeImageRoute } from './large-image-route';

/** Style parameters: replaced by their parsed, normalised form so equivalent styles share a key. */
const STYLE_PARAMETERS = ['band', 'min', 'max', 'palette', 'cmap', 'nodata', 'scheme', 'style'];
/** Parameters that do not change the answer. */
const NEUTRAL_PARAMETERS = ['v', 'source'];

/**
 * The cache key of an answer: the file at its version, the route, the module's output signature (options
 * and library version that shape every answer) and every parameter that changes the output, normalised
 * (sorted, style parsed, projection upper-cased, jpg = jpeg) so equivalent URLs share one entry. The file
 * part is clear text so a file's entries can be purged by prefix.
 */
export function cacheKey(
  file: StoredFile,
  route: LargeImageRoute,
  params: Record<string, string>,
  query: Record<string, string | undefined>,
  outputSignature: string,
): string {
  const entries: Array<[string, string]> = [['output', outputSignature]];
  for (const [name, value] of Object.entries(params)) {
    if (name !== 'id') entries.push([name, name === 'format' ? value.toLowerCase().replace(/^jpg$/, 'jpeg').replace(/^tif$/, 'tiff') : value]);
  }
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || STYLE_PARAMETERS.includes(name) || NEUTRAL_PARAMETERS.includes(name)) continue;
    entries.push([`?${name}`, name === 'projection' ? value.toUpperCase() : value]);
  }
  const style = parseStyle(query);
  if (style) entries.push(['?style', styleKey(style)]);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${file.fileKey}|${route.key}|${digest(JSON.stringify(entries))}`;
}

/** A strong ETag of a cache key: computed before any pixel work, so 304s cost a stat and a hash. */
export function etagOf(key: string): string {
  return `"${digest(key)}"`;
}

/** A short tag of a file's version, for URLs that carry it (`?v=`) and may therefore be cached for long. */
export function versionTag(file: StoredFile): string {
  return digest(file.fileKey).slice(0, 12);
}

/** True when an If-None-Match header names `etag` (or is `*`). */
export function isNotModified(ifNoneMatch: string | string[] | undefined, etag: string): boolean {
  const header = Array.isArray(ifNoneMatch) ? ifNoneMatch.join(',') : ifNoneMatch;
  if (!header) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed === etag || trimmed === `W/${etag}`;
  });
}

function digest(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}
