import { tagNumber, tagNumbers } from './dump-tag-values';
import { IfdRef, subfileType } from './ifd-roles';
import { SUBFILE_MASK as MASK, SUBFILE_REDUCED_IMAGE as REDUCED_IMAGE, TAG } from './tiff-tags';

/** The shape of one IFD, in a line: what `/info/metadata_internal` lists beyond GDAL. */
export interface IfdSummary {
  index: number;
  offset: number;
  /** Set for the first IFD's SubIFDs (their index among them). */
  subIfd?: number;
  /** image = the first IFD; then by NewSubfileType: mask, overview (reduced resolution), or another frame/page. */
  kind: 'image' | 'overview' | 'mask' | 'frame';
  width: number;
  height: number;
  tileWidth?: number;
  tileHeight?: number;
  rowsPerStrip?: number;
  samplesPerPixel: number;
  bitsPerSample: number;
  sampleFormat: number;
  photometric?: number;
  compression: number;
  predictor: number;
  planarConfiguration: number;
  newSubfileType: number;
}

export function ifdSummary({ ifd, index, subIfd }: IfdRef): IfdSummary {
  const type = subfileType(ifd);
  const kind = index === 0 ? 'image' : type & MASK ? 'mask' : type & REDUCED_IMAGE ? 'overview' : 'frame';
  const width = tagNumber(ifd, TAG.ImageWidth) ?? 0;
  const height = tagNumber(ifd, TAG.ImageLength) ?? 0;
  const tiled = ifd.tags[TAG.TileWidth] !== undefined;
  const photometric = tagNumber(ifd, TAG.Photometric);
  return {
    index,
    offset: ifd.offset,
    ...(subIfd !== undefined ? { subIfd } : {}),
    kind,
    width,
    height,
    ...(tiled
      ? { tileWidth: tagNumber(ifd, TAG.TileWidth), tileHeight: tagNumber(ifd, TAG.TileLength) }
      : { rowsPerStrip: Math.min(tagNumber(ifd, TAG.RowsPerStrip) ?? height, height) }),
    samplesPerPixel: tagNumber(ifd, TAG.SamplesPerPixel) ?? 1,
    bitsPerSample: tagNumbers(ifd, TAG.BitsPerSample)?.[0] ?? 1,
    sampleFormat: tagNumber(ifd, TAG.SampleFormat) ?? 1,
    ...(photometric !== undefined ? { photometric } : {}),
    compression: tagNumber(ifd, TAG.Compression) ?? 1,
    predictor: tagNumber(ifd, TAG.Predictor) ?? 1,
    planarConfiguration: tagNumber(ifd, TAG.PlanarConfig) ?? 1,
    newSubfileType: type,
  };
}
