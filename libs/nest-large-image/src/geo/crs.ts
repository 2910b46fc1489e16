import proj4 from 'proj4';
import { UnreadableImageError } from '../errors/large-image.errors';

/** A coordinate reference system we can transform with proj4. */
export interface Crs {
  /** Authority code, e.g. `EPSG:32633`. */
  code: string;
  proj4: string;
  isGeographic: boolean;
}

export const WGS84: Crs = { code: 'EPSG:4326', proj4: '+proj=longlat +datum=WGS84 +no_defs', isGeographic: true };
export const WEB_MERCATOR: Crs = {
  code: 'EPSG:3857',
  proj4: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs',
  isGeographic: false,
};

interface EpsgEntry {
  proj4: string;
  kind: string;
}

const byCode = new Map<number, Crs>([
  [4326, WGS84],
  [3857, WEB_MERCATOR],
]);

/**
 * Resolves an EPSG code from the full EPSG registry (epsg-index ships one small JSON file per code,
 * so only the codes actually used are loaded).
 */
export function crsFromEpsg(code: number): Crs {
  const known = byCode.get(code);
  if (known) return known;
  let entry: EpsgEntry;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    entry = require(`epsg-index/s/${code}.json`) as EpsgEntry;
  } catch {
    throw new UnreadableImageError(`EPSG:${code} is not a coordinate system we know; reproject the file to a registered EPSG CRS`);
  }
  if (!entry.proj4) {
    throw new UnreadableImageError(`EPSG:${code} has no proj4 definition; reproject the file to a registered EPSG CRS`);
  }
  const crs: Crs = { code: `EPSG:${code}`, proj4: entry.proj4, isGeographic: entry.kind === 'CRS-GEOGCRS' };
  byCode.set(code, crs);
  return crs;
}

/** Parses `EPSG:NNNN` (any case); returns undefined for anything else. */
export function parseEpsg(text: string): number | undefined {
  const match = /^epsg:(\d{4,6})$/i.exec(text.trim());
  return match ? Number(match[1]) : undefined;
}

/** A cached point transformer between two CRSs. */
export type PointTransform = (x: number, y: number) => [number, number];

const transforms = new Map<string, PointTransform>();

export function transformBetween(from: Crs, to: Crs): PointTransform {
  const key = `${from.code}>${to.code}`;
  let transform = transforms.get(key);
  if (!transform) {
    const converter = proj4(from.proj4, to.proj4);
    transform = (x, y) => converter.forward([x, y]) as [number, number];
    transforms.set(key, transform);
  }
  return transform;
}
