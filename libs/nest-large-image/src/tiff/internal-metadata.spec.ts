import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BlockCache } from '../storage/block-cache';
import { BlockSource } from '../storage/block-source';
import { LocalFileStorage } from '../storage/local-file.storage';
import { gdalDatasetMetadata } from './gdal-dataset-metadata';
import { metadataDomain, parseGdalMetadataXml } from './gdal-metadata-xml';
import { internalMetadata } from './internal-metadata';
import { openRaster } from './open-raster';
import type { TiffDumpIfd } from './tiff-dump';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures');
const storage = new LocalFileStorage({ root: FIXTURES });
// Its open file handles, closed once every suite of this file has run.
afterAll(() => storage.close());
const cache = new BlockCache(16384, 8 << 20);

async function metadataOf(name: string) {
  const { size, version } = await storage.stat(name);
  const raster = await openRaster(name, new BlockSource(storage, name, `${name}@${version}`, size, cache));
  return internalMetadata(raster);
}

interface GdalInfo {
  size: [number, number];
  geoTransform?: number[];
  coordinateSystem?: { wkt: string };
  metadata: Record<string, Record<string, string>>;
  bands: Array<{ noDataValue?: number; overviews?: Array<{ size: [number, number] }> }>;
}

function gdalinfo(name: string): GdalInfo {
  return JSON.parse(readFileSync(path.join(FIXTURES, name.replace(/\.tif$/, '.gdalinfo.json')), 'utf8'));
}

/** GDAL estimates these from the JPEG quantisation tables; we do not. */
const NOT_REPRODUCED = ['JPEG_QUALITY', 'JPEGTABLESMODE'];

describe('internalMetadata agrees with gdalinfo', () => {
  it.each(['rgb-utm-jpeg.tif', 'rgb-utm-deflate.tif', 'float32-4326-nodata.tif', 'rgba-alpha-deflate.tif', 'rgb-mask-jpeg.tif', 'rgb-strips-27700.tif', 'pyramid-nongeo.tif'])(
    '%s',
    async (name) => {
      const info = gdalinfo(name);
      const metadata = await metadataOf(name);
      expect(metadata).toMatchObject({ driverShortName: 'GTiff', driverLongName: 'GeoTIFF', RasterXSize: info.size[0], RasterYSize: info.size[1] });
      // gdalinfo prints 16 significant digits.
      (info.geoTransform ?? [0, 1, 0, 0, 0, 1]).forEach((value, i) => expect(metadata.GeoTransform[i]).toBeCloseTo(value, 15));
      const epsg = /ID\["EPSG",(\d+)\]\]\s*$/.exec(info.coordinateSystem?.wkt ?? '');
      expect(metadata.Projection).toBe(epsg ? `EPSG:${epsg[1]}` : '');
      const { bands, ...datasetItems } = metadata.Metadata;
      expect(datasetItems).toEqual(info.metadata[''] ?? {});
      expect(bands).toEqual({});
      const structure = Object.fromEntries(Object.entries(info.metadata.IMAGE_STRUCTURE).filter(([key]) => !NOT_REPRODUCED.includes(key)));
      expect(metadata.Metadata_IMAGE_STRUCTURE).toEqual(structure);
      expect(metadata.overviews).toEqual((info.bands[0].overviews ?? []).map(({ size: [width, height] }) => ({ width, height })));
      expect(metadata.nodata).toBe(info.bands[0].noDataValue ?? null);
      expect(JSON.parse(JSON.stringify(metadata))).toEqual(metadata);
    },
  );

  it('summarises every IFD, masks included', async () => {
    const metadata = await metadataOf('rgb-mask-jpeg.tif');
    expect(metadata.ifds.map(({ kind, width, height }) => [kind, width, height])).toEqual([
      ['image', 800, 600],
      ['mask', 800, 600],
      ['overview', 400, 300],
      ['overview', 200, 150],
      ['mask', 400, 300],
      ['mask', 200, 150],
    ]);
    expect(metadata.ifds[0]).toEqual({
      index: 0,
      offset: 226,
      kind: 'image',
      width: 800,
      height: 600,
      tileWidth: 256,
      tileHeight: 256,
      samplesPerPixel: 3,
      bitsPerSample: 8,
      sampleFormat: 1,
      photometric: 6,
      compression: 7,
      predictor: 1,
      planarConfiguration: 1,
      newSubfileType: 0,
    });
    expect(metadata.cog).toMatchObject({ valid: true, details: { full_check: false } });
  });

  it('gives geokeys by name, strips as rows per strip, and the COG verdict', async () => {
    const strips = await metadataOf('rgb-strips-27700.tif');
    expect(strips.geokeys).toMatchObject({ GTModelTypeGeoKey: 1, GTRasterTypeGeoKey: 1, ProjectedCSTypeGeoKey: 27700 });
    expect(strips.ifds[0]).toMatchObject({ rowsPerStrip: 4, predictor: 1, compression: 8 });
    expect(strips.ifds[0].tileWidth).toBeUndefined();
    expect(strips.proj4Projection).toContain('+proj=tmerc');

    const plain = await metadataOf('pyramid-nongeo.tif');
    expect(plain).toMatchObject({ geokeys: null, nodata: null, Projection: '', proj4Projection: '', cog: { valid: false } });
  });
});

describe('GDAL dataset metadata', () => {
  // What GDAL 3.6 wrote for SetMetadataItem('FOO', 'a<b & "c"'), band statistics, scale and description.
  const xml = `<GDALMetadata>
  <Item name="FOO">a&amp;lt;b &amp;amp; &amp;quot;c&amp;quot;</Item>
  <Item name="OTHER" domain="MYDOMAIN">y</Item>
  <Item name="STATISTICS_MINIMUM" sample="0">-5.5</Item>
  <Item name="UNIT_NOTE" sample="0">x</Item>
  <Item name="OFFSET" sample="0" role="offset">0</Item>
  <Item name="SCALE" sample="0" role="scale">2</Item>
  <Item name="DESCRIPTION" sample="0" role="description">elevation</Item>
</GDALMetadata>`;

  it('reads GDAL_METADATA items per domain and band, unescaped as GDAL reads them', () => {
    const items = parseGdalMetadataXml(xml);
    expect(metadataDomain(items)).toEqual({
      dataset: { FOO: 'a<b & "c"' },
      bands: { 1: { STATISTICS_MINIMUM: '-5.5', UNIT_NOTE: 'x' } },
    });
    expect(metadataDomain(items, 'MYDOMAIN')).toEqual({ dataset: { OTHER: 'y' }, bands: {} });
  });

  it('lists TIFFTAG_* items as gdalinfo does', () => {
    // gdal_translate -mo TIFFTAG_XRESOLUTION=72.5 -mo TIFFTAG_YRESOLUTION=300 -mo TIFFTAG_RESOLUTIONUNIT=3
    //   -mo TIFFTAG_SOFTWARE="my sw" -mo TIFFTAG_ARTIST=me -mo FOO=bar: gdalinfo lists exactly these.
    const tag = (data: number[] | string, datatype: number) => ({ datatype, count: data.length, datapos: 0, data });
    const ifd: TiffDumpIfd = {
      offset: 8,
      tagcount: 5,
      tags: { 282: tag([145, 2], 5), 283: tag([300, 1], 5), 296: tag([3], 3), 305: tag('my sw', 2), 315: tag('me', 2) },
    };
    expect(gdalDatasetMetadata(ifd, { GTRasterTypeGeoKey: 1 }, { dataset: { FOO: 'bar' }, bands: {} })).toEqual({
      AREA_OR_POINT: 'Area',
      FOO: 'bar',
      TIFFTAG_ARTIST: 'me',
      TIFFTAG_RESOLUTIONUNIT: '3 (pixels/cm)',
      TIFFTAG_SOFTWARE: 'my sw',
      TIFFTAG_XRESOLUTION: '72.5',
      TIFFTAG_YRESOLUTION: '300',
      bands: {},
    });
  });
});
