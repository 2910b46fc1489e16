import { bandInterpretations } from '../tiff/band-interpretation';
import { colorTable } from '../tiff/color-table';
import type { RasterSource } from '../tiff/raster-source';
import { blockStepsWithin } from './block-scan';
import { frameLevels } from './frame';
import { levelStatistics } from './image-statistics';

/** One band as large_image's getBandInformation() describes it (keys without a value are left out). */
export interface BandInformation {
  interpretation: string;
  dtype: string;
  min?: number;
  max?: number;
  mean?: number;
  stdev?: number;
  /** Set when the statistics were computed from an overview because the image exceeds the scan budget. */
  statisticsLevel?: number;
  /** Set when even that level exceeds it: the statistics come from every [across]-th block of every [down]-th row of blocks. */
  statisticsBlockStep?: [number, number];
  nodata?: number;
  scale?: number;
  offset?: number;
  units?: string;
  colortable?: Array<[number, number, number, number]>;
  maskband?: number;
}

/**
 * Per-band information keyed by 1-based band number. Statistics come from GDAL's STATISTICS_* metadata in
 * the file when every band has them; otherwise they are computed exactly over the valid pixels at full
 * resolution, or, past `maxPixels`, over the finest overview within it (reported as `statisticsLevel`), or,
 * when no level is within it, over a regular grid of the coarsest level's blocks that is
 * (`statisticsBlockStep`).
 */
export async function bandInformation(raster: RasterSource, frame: number, maxPixels: number): Promise<Record<number, BandInformation>> {
  const interpretations = bandInterpretations(raster);
  const statistics = await bandStatistics(raster, frame, maxPixels);
  const colortable = await colorTable(raster);
  const information: Record<number, BandInformation> = {};
  for (let band = 0; band < raster.bandCount; band++) {
    const metadata = ((await raster.levels[0].image.getGDALMetadata(band).catch(() => null)) ?? {}) as Record<string, string>;
    information[band + 1] = withoutEmpty({
      interpretation: interpretations[band],
      dtype: raster.dtype,
      ...statistics[band],
      nodata: raster.nodata ?? undefined,
      scale: numberOrUndefined(metadata.SCALE),
      offset: numberOrUndefined(metadata.OFFSET),
      units: metadata.UNITTYPE || undefined,
      colortable: interpretations[band] === 'palette' ? colortable : undefined,
      // GDAL names the alpha band as the mask of the colour bands.
      maskband: raster.alphaBand !== null && band !== raster.alphaBand ? raster.alphaBand + 1 : undefined,
    });
  }
  return information;
}

type Statistics = Pick<BandInformation, 'min' | 'max' | 'mean' | 'stdev' | 'statisticsLevel' | 'statisticsBlockStep'>;

async function bandStatistics(raster: RasterSource, frame: number, maxPixels: number): Promise<Statistics[]> {
  const levels = frameLevels(raster, frame);
  if (frame === 0) {
    const fromFile = await statisticsFromFile(raster);
    if (fromFile) return fromFile;
  }
  const index = levels.findIndex((level) => level.width * level.height <= maxPixels);
  const levelIndex = index < 0 ? levels.length - 1 : index;
  const steps = blockStepsWithin(levels[levelIndex], maxPixels);
  const computed = await levelStatistics(raster, levels[levelIndex], steps);
  return computed.map((band) => {
    const { min, max, mean, stdev } = band.summary();
    return withoutEmpty({ min, max, mean, stdev, statisticsLevel: levelIndex || undefined, statisticsBlockStep: steps[0] * steps[1] > 1 ? steps : undefined }) as Statistics;
  });
}

/** GDAL's own statistics (written by gdalinfo -stats and friends) when every band has them. */
async function statisticsFromFile(raster: RasterSource): Promise<Statistics[] | undefined> {
  const result: Statistics[] = [];
  for (let band = 0; band < raster.bandCount; band++) {
    const metadata = ((await raster.levels[0].image.getGDALMetadata(band).catch(() => null)) ?? {}) as Record<string, string>;
    const values = ['MINIMUM', 'MAXIMUM', 'MEAN', 'STDDEV'].map((name) => numberOrUndefined(metadata[`STATISTICS_${name}`]));
    if (values.some((value) => value === undefined)) return undefined;
    const [min, max, mean, stdev] = values;
    result.push({ min, max, mean, stdev });
  }
  return result;
}

function numberOrUndefined(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

function withoutEmpty<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined && value !== null && value !== '')) as T;
}
