import { tagNumber, tagNumbers } from './dump-tag-values';
import type { TiffDump, TiffDumpIfd } from './tiff-dump';
import { SUBFILE_MASK as MASK, SUBFILE_REDUCED_IMAGE as REDUCED_IMAGE, TAG } from './tiff-tags';

const SAMPLE_FORMAT_FLOAT = 3;
/** GDAL stops collecting overviews there, "to avoid DoS". */
const MAX_OVERVIEWS = 30;

/** An IFD of the main chain, or one of the first IFD's SubIFDs (where some writers put overviews). */
export interface IfdRef {
  ifd: TiffDumpIfd;
  /** Position in `listIfds` order. */
  index: number;
  /** Index among the first IFD's SubIFDs, for those. */
  subIfd?: number;
}

/** What GDAL's GTiff driver makes of a file's IFDs: the dataset, its internal mask, its overviews and theirs. */
export interface GdalIfdRoles {
  main: IfdRef;
  mask?: IfdRef;
  overviews: Array<{ image: IfdRef; mask?: IfdRef }>;
}

/** The main IFD chain, with the first IFD's SubIFDs listed right after it (only the first IFD of each, as GDAL reads them). */
export function listIfds(dump: TiffDump): IfdRef[] {
  const [first, ...rest] = dump.ifds;
  const subIfds = (first.tags[TAG.SubIFD]?.ifds ?? []).map((chain) => chain[0]).filter(Boolean);
  const ordered = [
    { ifd: first },
    ...subIfds.map((ifd, subIfd) => ({ ifd, subIfd })),
    ...rest.map((ifd) => ({ ifd })),
  ];
  return ordered.map((ref, index) => ({ ...ref, index }));
}

export function subfileType(ifd: TiffDumpIfd): number {
  return tagNumber(ifd, TAG.NewSubfileType) ?? 0;
}

function samplesPerPixel(ifd: TiffDumpIfd): number {
  return tagNumber(ifd, TAG.SamplesPerPixel) ?? 1;
}

export function imageSize(ifd: TiffDumpIfd): { width: number; height: number } {
  return { width: tagNumber(ifd, TAG.ImageWidth) ?? 0, height: tagNumber(ifd, TAG.ImageLength) ?? 0 };
}

/** GDAL opens masks only as bytes (1-bit masks are promoted to 8 bits). */
function isByteMask(ifd: TiffDumpIfd): boolean {
  return (tagNumbers(ifd, TAG.BitsPerSample)?.[0] ?? 1) <= 8 && tagNumber(ifd, TAG.SampleFormat) !== SAMPLE_FORMAT_FLOAT;
}

/**
 * Classifies IFDs as GDAL's GTiffDataset::ScanDirectories does: IFDs after the first (or SubIFDs of the first)
 * flagged reduced-resolution are overviews when they have the main image's band count; a mask flag without
 * reduced-resolution is the main image's mask when it has its size; reduced-resolution masks belong to the
 * first overview of their size. Overviews keep file order, which is what the COG checks compare.
 */
export function gdalIfdRoles(dump: TiffDump): GdalIfdRoles {
  const [main, ...candidates] = listIfds(dump).filter((ref) => ref.subIfd !== undefined || !ref.ifd.tags[TAG.SubIFD] || ref.index === 0);
  const bands = samplesPerPixel(main.ifd);
  const mainSize = imageSize(main.ifd);
  const roles: GdalIfdRoles = { main, overviews: [] };
  for (const ref of candidates) {
    const type = subfileType(ref.ifd);
    const count = samplesPerPixel(ref.ifd);
    const size = imageSize(ref.ifd);
    const maskBands = count === 1 || count === bands;
    if (type & REDUCED_IMAGE && !(type & MASK)) {
      if (roles.overviews.length < MAX_OVERVIEWS && count === bands) roles.overviews.push({ image: ref });
    } else if (type & MASK && !(type & REDUCED_IMAGE)) {
      const sameSize = size.width === mainSize.width && size.height === mainSize.height;
      if (!roles.mask && maskBands && sameSize && isByteMask(ref.ifd)) roles.mask = ref;
    } else if (type & MASK && type & REDUCED_IMAGE && maskBands && isByteMask(ref.ifd)) {
      const overview = roles.overviews.find(({ image, mask }) => {
        const overviewSize = imageSize(image.ifd);
        return !mask && overviewSize.width === size.width && overviewSize.height === size.height;
      });
      if (overview) overview.mask = ref;
    }
  }
  return roles;
}
