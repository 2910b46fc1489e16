/** One EPSG entry as the epsg-index package ships it (one small JSON file per code). */
interface EpsgIndexEntry {
  kind: string;
  wkt: string;
  proj4: string;
  /** Area of use: north, west, south, east. */
  bbox?: [number, number, number, number];
}

export interface EpsgDefinition {
  /** proj4 definition as registered (it may name datum grids we do not have). */
  proj4: string;
  isGeographic: boolean;
  /** EPSG code of the geographic CRS the definition is based on (its datum). */
  baseGeographic?: number;
  /** Area of use, [west, south, east, north] in degrees. */
  areaOfUse?: [number, number, number, number];
}

const cache = new Map<number, EpsgDefinition | null>();

/** The EPSG registry entry of `code`, or null when it is unknown or has no proj4 form. */
export function epsgDefinition(code: number): EpsgDefinition | null {
  if (!cache.has(code)) cache.set(code, load(code));
  return cache.get(code)!;
}

function load(code: number): EpsgDefinition | null {
  let entry: EpsgIndexEntry;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    entry = require(`epsg-index/s/${code}.json`) as EpsgIndexEntry;
  } catch {
    return null;
  }
  if (!entry.proj4) return null;
  const isGeographic = entry.kind === 'CRS-GEOGCRS';
  const bbox = entry.bbox?.length === 4 ? entry.bbox : undefined;
  return {
    proj4: entry.proj4,
    isGeographic,
    baseGeographic: isGeographic ? code : baseGeographicCode(entry.wkt),
    areaOfUse: bbox && [bbox[1], bbox[2], bbox[3], bbox[0]],
  };
}

/** The authority code of the GEOGCS[...] inside a WKT1 definition (its last AUTHORITY). */
function baseGeographicCode(wkt: string): number | undefined {
  const start = wkt.indexOf('GEOGCS[');
  if (start < 0) return undefined;
  let depth = 0;
  let end = start;
  for (let i = start; i < wkt.length; i++) {
    if (wkt[i] === '[') depth++;
    if (wkt[i] === ']' && --depth === 0) {
      end = i;
      break;
    }
  }
  const authorities = [...wkt.slice(start, end).matchAll(/AUTHORITY\["EPSG","(\d+)"\]/g)];
  return authorities.length ? Number(authorities[authorities.length - 1][1]) : undefined;
}
