import proj4 from 'proj4';
import { UnreadableImageError } from '../errors/large-image.errors';
import { LonLatBox, chooseTowgs84, hasHelmertTransformations } from './datum-shift';
import { epsgDefinition } from './epsg-registry';

/** A coordinate reference system we can transform with proj4. */
export interface Crs {
  /** Authority code, e.g. `EPSG:32633`. */
  code: string;
  /** proj4 definition, including the datum shift chosen for the data's area. */
  proj4: string;
  isGeographic: boolean;
}

export const WGS84: Crs = { code: 'EPSG:4326', proj4: '+proj=longlat +datum=WGS84 +no_defs', isGeographic: true };
export const WEB_MERCATOR: Crs = {
  code: 'EPSG:3857',
  proj4: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs',
  isGeographic: false,
};
const WGS84_CODE = 4326;
const BUILT_IN = new Map<number, Crs>([
  [WGS84_CODE, WGS84],
  [3857, WEB_MERCATOR],
]);

/**
 * Resolves an EPSG code from the full EPSG registry (epsg-index, loaded one code at a time).
 * When its datum is not WGS 84, the shift to WGS 84 is the Helmert transformation GDAL/PROJ would use
 * for data covering `area` (lon/lat degrees; the CRS's own area of use when absent). Datum grids
 * (NTv2 and the like) are not available here, as they are not to PROJ without its grid package.
 */
export function crsFromEpsg(code: number, area?: LonLatBox): Crs {
  const crs = findEpsgCrs(code, area);
  if (!crs) throw new UnreadableImageError(`EPSG:${code} is not a coordinate system we know; reproject the file to a registered EPSG CRS`);
  return crs;
}

/** crsFromEpsg for a code a client asked for: undefined when the registry does not know it. */
export function findEpsgCrs(code: number, area?: LonLatBox): Crs | undefined {
  const builtIn = BUILT_IN.get(code);
  if (builtIn) return builtIn;
  const definition = epsgDefinition(code);
  if (!definition) return undefined;
  const { baseGeographic, isGeographic } = definition;
  let definitionProj4 = withoutGrids(definition.proj4);
  if (baseGeographic !== undefined && baseGeographic !== WGS84_CODE && hasHelmertTransformations(baseGeographic)) {
    const ballpark = withoutDatumShift(definition.proj4);
    const towgs84 = chooseTowgs84(baseGeographic, area ?? definition.areaOfUse ?? [-180, -90, 180, 90]);
    definitionProj4 = towgs84 ? `${ballpark} +towgs84=${towgs84.join(',')}` : ballpark;
  }
  return { code: `EPSG:${code}`, proj4: definitionProj4, isGeographic };
}

/** Parses `EPSG:NNNN` (any case); returns undefined for anything else. */
export function parseEpsg(text: string): number | undefined {
  const match = /^epsg:(\d{4,6})$/i.exec(text.trim());
  return match ? Number(match[1]) : undefined;
}

/** A cached point transformer between two CRSs. */
export type PointTransform = (x: number, y: number) => [number, number];

const transforms = new Map<string, PointTransform>();

/** No transformation, as PROJ does between a CRS and itself: proj4's round trip through radians moves the last digit. */
const IDENTITY: PointTransform = (x, y) => [x, y];

export function transformBetween(from: Crs, to: Crs): PointTransform {
  if (from.proj4 === to.proj4) return IDENTITY;
  const key = `${from.proj4}>${to.proj4}`;
  let transform = transforms.get(key);
  if (!transform) {
    transform = routesThroughWgs84(from, to) ? throughWgs84(from, to) : converterBetween(from.proj4, to.proj4);
    transforms.set(key, transform);
  }
  return transform;
}

function converterBetween(from: string, to: string): PointTransform {
  const converter = proj4(from, to);
  return (x, y) => converter.forward([x, y]) as [number, number];
}

/** proj4's datum types (constants/values.js) that shift through WGS 84: three and seven parameters, grids. */
const SHIFTED_DATUM_TYPES = new Set([1, 2, 3]);

/**
 * True when proj4 goes through WGS 84 longitude/latitude on its way from `from` to `to` (its checkNotWGS):
 * a datum shift on one side while the other is not WGS 84. proj4 then builds a WGS 84 projection for every
 * point, which tripled the cost of each point of a tile (2.7 against 0.8 µs) for ED50, NAD27 and the like.
 */
function routesThroughWgs84(from: Crs, to: Crs): boolean {
  const [source, dest] = [proj4.Proj(from.proj4), proj4.Proj(to.proj4)] as unknown as Array<{ datumCode?: string; datum?: { datum_type: number } }>;
  const shifted = (crs: typeof source) => crs.datum !== undefined && SHIFTED_DATUM_TYPES.has(crs.datum.datum_type);
  return Boolean(source.datum && dest.datum) && ((shifted(source) && dest.datumCode !== 'WGS84') || (shifted(dest) && source.datumCode !== 'WGS84'));
}

/** The same two steps proj4 takes in that case, with the WGS 84 projection built once: the same numbers. */
function throughWgs84(from: Crs, to: Crs): PointTransform {
  const toWgs84 = converterBetween(from.proj4, 'WGS84');
  const fromWgs84 = converterBetween('WGS84', to.proj4);
  return (x, y) => fromWgs84(...toWgs84(x, y));
}

/** Drops datum grids we do not have (`+nadgrids=@null`, "no shift", stays). */
function withoutGrids(definition: string): string {
  return definition.replace(/\s\+nadgrids=(?!@null)\S+/g, '');
}

const DATUM_ELLIPSOIDS: Record<string, string> = { nad27: 'clrk66', nad83: 'GRS80' };

/** The definition with its datum reduced to the ellipsoid alone, ready for a chosen towgs84. */
function withoutDatumShift(definition: string): string {
  return withoutGrids(definition)
    .replace(/\s\+towgs84=\S+/g, '')
    .replace(/\+datum=(\S+)/g, (whole, datum: string) => {
      const ellipsoid = DATUM_ELLIPSOIDS[datum.toLowerCase()];
      return ellipsoid ? `+ellps=${ellipsoid}` : whole;
    });
}
