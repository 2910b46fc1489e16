import helmertTable from './helmert-to-wgs84.json';

/** [west, south, east, north] in degrees. */
export type LonLatBox = [number, number, number, number];

/** EPSG code, accuracy in metres (null when unknown), area of use, proj4 towgs84 parameters. */
type HelmertEntry = [number, number | null, LonLatBox, number[]];

const TRANSFORMATIONS = helmertTable as unknown as Record<string, HelmertEntry[]>;

/** True when the datum of this geographic CRS has Helmert transformations to WGS 84 in PROJ's database. */
export function hasHelmertTransformations(baseGeographic: number): boolean {
  return baseGeographic in TRANSFORMATIONS;
}

/**
 * The Helmert transformation to WGS 84 that PROJ would pick for data covering `area` when no datum
 * grid is at hand: among those whose area of use meets the data, the ones containing it all first,
 * then the most accurate, then the one covering most of it. Undefined means PROJ's "ballpark"
 * (no shift), which it also uses when nothing matches.
 */
export function chooseTowgs84(baseGeographic: number, area: LonLatBox): number[] | undefined {
  const candidates = (TRANSFORMATIONS[baseGeographic] ?? [])
    .map(([, accuracy, extent, towgs84]) => ({ accuracy, towgs84, overlap: overlapFraction(extent, area) }))
    .filter((candidate) => candidate.overlap > 0);
  candidates.sort(
    (a, b) =>
      Number(b.overlap >= 1) - Number(a.overlap >= 1) ||
      (a.accuracy ?? Infinity) - (b.accuracy ?? Infinity) ||
      b.overlap - a.overlap,
  );
  return candidates[0]?.towgs84;
}

/** Fraction of `area` inside `extent` (extents may cross the antimeridian: west > east). */
function overlapFraction(extent: LonLatBox, area: LonLatBox): number {
  const [west, south, east, north] = extent;
  const spans: Array<[number, number]> = west <= east ? [[west, east]] : [[west, 180], [-180, east]];
  const width = Math.max(area[2] - area[0], 1e-9);
  const height = Math.max(area[3] - area[1], 1e-9);
  const overlapX = spans.reduce((sum, [w, e]) => sum + Math.max(0, Math.min(e, area[2]) - Math.max(w, area[0])), 0);
  const overlapY = Math.max(0, Math.min(north, area[3]) - Math.max(south, area[1]));
  const fractionX = area[2] > area[0] ? overlapX / width : Number(spans.some(([w, e]) => area[0] >= w && area[0] <= e));
  const fractionY = area[3] > area[1] ? overlapY / height : Number(area[1] >= south && area[1] <= north);
  return fractionX * fractionY;
}
