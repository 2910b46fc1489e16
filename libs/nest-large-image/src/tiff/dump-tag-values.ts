import type { TiffDumpIfd, TiffDumpTag } from './tiff-dump';

const RATIONAL = 5;
const SRATIONAL = 10;

function isRational(tag: TiffDumpTag): boolean {
  return tag.datatype === RATIONAL || tag.datatype === SRATIONAL;
}

/** A numeric tag's values as read (RATIONALs as numerator/denominator pairs); undefined when absent or text. */
export function tagNumbers(ifd: TiffDumpIfd, tagNumber: number): number[] | undefined {
  const tag = ifd.tags[tagNumber];
  return tag && typeof tag.data !== 'string' ? tag.data : undefined;
}

/** A numeric tag's first value (a RATIONAL's quotient); undefined when absent. */
export function tagNumber(ifd: TiffDumpIfd, tagNumber: number): number | undefined {
  const tag = ifd.tags[tagNumber];
  if (!tag || typeof tag.data === 'string' || tag.data.length === 0) return undefined;
  return isRational(tag) ? tag.data[0] / tag.data[1] : tag.data[0];
}

/** An ASCII tag's text; undefined when absent or not text. */
export function tagText(ifd: TiffDumpIfd, tagNumber: number): string | undefined {
  const data = ifd.tags[tagNumber]?.data;
  return typeof data === 'string' ? data : undefined;
}
