import { gdalIfdRoles, listIfds } from './ifd-roles';
import { ifdSummary } from './ifd-summary';
import type { TiffDump, TiffDumpIfd } from './tiff-dump';

/** A dump IFD with the tags GDAL's classification looks at. */
function ifd(offset: number, width: number, samples: number, subfileType: number, subIfds?: TiffDumpIfd[][]): TiffDumpIfd {
  const short = (value: number) => ({ datatype: 3, count: 1, datapos: 0, data: [value] });
  const tags: TiffDumpIfd['tags'] = {
    254: { datatype: 4, count: 1, datapos: 0, data: [subfileType] },
    256: short(width),
    257: short(width),
    258: short(8),
    277: short(samples),
  };
  if (subIfds) tags[330] = { datatype: 13, count: subIfds.length, datapos: 0, data: subIfds.map((chain) => chain[0].offset), ifds: subIfds };
  return { offset, tagcount: Object.keys(tags).length, tags };
}

const dumpOf = (ifds: TiffDumpIfd[]): TiffDump => ({ firstifd: ifds[0].offset, size: 1e6, bigEndian: false, bigtiff: false, ifds });

describe('IFD roles as GDAL’s GTiff driver assigns them', () => {
  it('takes overviews and masks from the main chain, skipping overviews with another band count', () => {
    const dump = dumpOf([ifd(8, 1024, 3, 0), ifd(100, 1024, 1, 4), ifd(200, 512, 3, 1), ifd(300, 256, 1, 1), ifd(400, 512, 1, 5), ifd(500, 900, 3, 0)]);
    const roles = gdalIfdRoles(dump);
    expect(roles.mask?.ifd.offset).toBe(100);
    expect(roles.overviews.map(({ image, mask }) => [image.ifd.offset, mask?.ifd.offset])).toEqual([[200, 400]]);
    expect(listIfds(dump).map((ref) => ifdSummary(ref).kind)).toEqual(['image', 'mask', 'overview', 'overview', 'mask', 'frame']);
  });

  it('takes overviews from the first IFD’s SubIFDs, as pyramidal OME-TIFFs store them', () => {
    const dump = dumpOf([ifd(8, 1024, 1, 0, [[ifd(100, 512, 1, 1)], [ifd(200, 256, 1, 1)]]), ifd(300, 1024, 1, 0, [[ifd(400, 512, 1, 1)]])]);
    const roles = gdalIfdRoles(dump);
    expect(roles.overviews.map(({ image }) => image.ifd.offset)).toEqual([100, 200]);
    expect(listIfds(dump).map((ref) => [ref.index, ref.ifd.offset, ref.subIfd])).toEqual([
      [0, 8, undefined],
      [1, 100, 0],
      [2, 200, 1],
      [3, 300, undefined],
    ]);
    expect(ifdSummary(listIfds(dump)[1])).toMatchObject({ index: 1, subIfd: 0, kind: 'overview', width: 512 });
  });
});
