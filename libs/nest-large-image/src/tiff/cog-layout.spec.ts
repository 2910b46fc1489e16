import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkCogLayout, CogLayoutOptions } from './cog-layout';
import { ReadBytes, tiffDump } from './tiff-dump';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures');

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(FIXTURES, name)));
}

function readerOf(bytes: Uint8Array): ReadBytes {
  return async (offset, length) => bytes.slice(offset, Math.min(offset + length, bytes.length)).buffer;
}

async function validate(bytes: Uint8Array, options: CogLayoutOptions = { fullCheck: true }, maxValues = 100000) {
  const read = readerOf(bytes);
  return checkCogLayout(await tiffDump(read, bytes.length, { maxValues }), read, options);
}

/**
 * What GDAL 3.6's validate_cloud_optimized_geotiff.py says of each fixture, with --full-check=yes
 * (`validate(path, full_check=True)`): warnings, errors and details.
 */
const GDAL_VERDICTS: Record<string, { warnings: string[]; errors: string[]; ifd_offsets: Record<string, number>; data_offsets: Record<string, number> }> = {
  'rgb-utm-deflate.tif': {
    warnings: [],
    errors: [],
    ifd_offsets: { main: 192, overview_0: 580, overview_1: 766, overview_2: 952 },
    data_offsets: { main: 416190, overview_0: 158152, overview_1: 45774, overview_2: 1486 },
  },
  'rgb-utm-jpeg.tif': {
    warnings: [],
    errors: [],
    ifd_offsets: { main: 192, overview_0: 794, overview_1: 1194, overview_2: 1594 },
    data_offsets: { main: 184103, overview_0: 52854, overview_1: 12521, overview_2: 2342 },
  },
  'float32-4326-nodata.tif': {
    warnings: [],
    errors: [],
    ifd_offsets: { main: 192, overview_0: 592, overview_1: 784 },
    data_offsets: { main: 236744, overview_0: 50935, overview_1: 1044 },
  },
  'rgba-alpha-deflate.tif': {
    warnings: [],
    errors: [],
    ifd_offsets: { main: 192, overview_0: 594, overview_1: 796 },
    data_offsets: { main: 126528, overview_0: 43524, overview_1: 1130 },
  },
  'rgb-mask-jpeg.tif': {
    warnings: [],
    errors: [],
    ifd_offsets: { main: 226, overview_0: 1010, overview_1: 1410 },
    data_offsets: { main: 40283, overview_0: 12338, overview_1: 2418 },
  },
  'custom-crs.tif': { warnings: [], errors: [], ifd_offsets: { main: 8 }, data_offsets: { main: 499 } },
  // Stripped and without overviews, but only 640 pixels wide: GDAL calls it valid, with a warning.
  'rgb-strips-27700.tif': {
    warnings: ['The file is greater than 512xH or Wx512, it is recommended to include internal overviews'],
    errors: [],
    ifd_offsets: { main: 8 },
    data_offsets: { main: 1353 },
  },
  // gdaladdo appended the overviews after the full-resolution data.
  'pyramid-nongeo.tif': {
    warnings: [],
    errors: [
      'The offset of the first block of overview of index 1 should be after the one of the overview of index 2',
      'The offset of the first block of overview of index 0 should be after the one of the overview of index 1',
      'The offset of the first block of the main resolution image should be after the one of the overview of index 2',
    ],
    ifd_offsets: { main: 8, overview_0: 416074, overview_1: 416308, overview_2: 416510 },
    data_offsets: { main: 342, overview_0: 416696, overview_1: 621247, overview_2: 711724 },
  },
};

describe('checkCogLayout agrees with GDAL’s validate_cloud_optimized_geotiff.py', () => {
  it.each(Object.entries(GDAL_VERDICTS))('%s', async (name, gdal) => {
    const report = await validate(fixture(name));
    expect(report.errors).toEqual(gdal.errors);
    expect(report.warnings).toEqual(gdal.warnings);
    expect(report.valid).toBe(gdal.errors.length === 0);
    expect(report.details.ifd_offsets).toEqual(gdal.ifd_offsets);
    expect(report.details.data_offsets).toEqual(gdal.data_offsets);
  });

  it('reports the ghost header and what GDAL prints as the size of all IFD headers', async () => {
    const report = await validate(fixture('rgb-mask-jpeg.tif'));
    expect(report.details).toMatchObject({
      headers_size: 2418,
      ifds_before_data: true,
      full_check: true,
      partial_block_check: false,
      structural_metadata: {
        LAYOUT: 'IFDS_BEFORE_DATA',
        BLOCK_ORDER: 'ROW_MAJOR',
        BLOCK_LEADER: 'SIZE_AS_UINT4',
        BLOCK_TRAILER: 'LAST_4_BYTES_REPEATED',
        KNOWN_INCOMPATIBLE_EDITION: 'NO',
        MASK_INTERLEAVED_WITH_IMAGERY: 'YES',
      },
    });
    const appended = await validate(fixture('pyramid-nongeo.tif'));
    expect(appended.details).toMatchObject({ structural_metadata: null, ifds_before_data: false });
  });

  it('finds broken block leaders and trailers with the full check only, as GDAL does', async () => {
    const bytes = fixture('rgb-utm-deflate.tif');
    const view = new DataView(bytes.buffer);
    // Block (0, 0) of the main image: 18644 bytes at 416190; block (1, 0) at 434842, 16568 bytes.
    bytes[416190 + 18644] ^= 0xff;
    view.setUint32(434842 - 4, 12345, true);
    expect((await validate(bytes)).errors).toEqual([
      'Main resolution image: for block (0, 0), trailer bytes are invalid',
      'Main resolution image: for block (1, 0), size in leader bytes is 12345 instead of 16568',
    ]);
    expect(await validate(bytes, { fullCheck: false })).toMatchObject({ valid: true, errors: [] });
  });

  it('checks that mask blocks follow their imagery blocks, as GDAL does', async () => {
    const bytes = fixture('rgb-mask-jpeg.tif');
    const view = new DataView(bytes.buffer);
    // The mask IFD's TileOffsets array is at 2254: move its first block by two bytes.
    view.setUint32(2254, view.getUint32(2254, true) + 2, true);
    expect((await validate(bytes)).errors).toEqual([
      'Mask of Main resolution image: for block (0, 0), offset is 48393, whereas 48391 was expected',
      'Mask band of main resolution image: for block (0, 0), size in leader bytes is 2625110016 instead of 357',
      'Mask band of main resolution image: for block (0, 0), trailer bytes are invalid',
    ]);
  });

  it('reads the ghost header as GDAL does', async () => {
    const incompatible = fixture('rgb-utm-deflate.tif');
    const at = Buffer.from(incompatible).indexOf('KNOWN_INCOMPATIBLE_EDITION=NO\n ');
    incompatible.set(Buffer.from('KNOWN_INCOMPATIBLE_EDITION=YES\n'), at);
    expect((await validate(incompatible)).errors).toEqual(['KNOWN_INCOMPATIBLE_EDITION=YES is declared in the file']);

    const resized = fixture('rgb-utm-deflate.tif');
    resized.set(Buffer.from('GDAL_STRUCTURAL_METADATA_SIZE=000100'), 8);
    expect((await validate(resized, { fullCheck: false })).errors).toEqual(['The offset of the main IFD should be 152. It is 192 instead']);
  });

  it('reports truncated block data, where GDAL’s full check crashes', async () => {
    const report = await validate(fixture('truncated.tif'));
    expect(report.valid).toBe(false);
    expect(report.errors[0]).toBe(
      'Main resolution image: block (0, 0) ends at byte 434834, beyond the end of the file (60000 bytes): the file is truncated',
    );
  });

  it('says when only the first block offsets could be checked', async () => {
    const report = await validate(fixture('rgb-utm-jpeg.tif'), { fullCheck: true }, 10);
    expect(report.details.partial_block_check).toBe(true);
    expect(report.valid).toBe(true);
  });
});
