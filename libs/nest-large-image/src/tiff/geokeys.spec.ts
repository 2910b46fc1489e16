import { UnreadableImageError } from '../errors/large-image.errors';
import { crsFromEpsg } from '../geo/crs';
import { epsgCodeFromGeoKeys, GeoKeys } from './geokeys';

const crsFromGeoKeys = (keys: GeoKeys | null) => {
  const code = epsgCodeFromGeoKeys(keys);
  return code === undefined ? undefined : crsFromEpsg(code);
};

describe('CRS from GeoTIFF keys', () => {
  it('resolves projected, geographic, polar and national-grid EPSG codes from the full registry', () => {
    expect(crsFromGeoKeys({ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 32633 })?.proj4).toContain('+zone=33');
    expect(crsFromGeoKeys({ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 32733 })?.proj4).toContain('+south');
    expect(crsFromGeoKeys({ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 32761 })?.proj4).toContain('+lat_0=-90');
    expect(crsFromGeoKeys({ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 3413 })?.proj4).toContain('+proj=stere');
    expect(crsFromGeoKeys({ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 27700 })?.proj4).toContain('+proj=tmerc');
    expect(crsFromGeoKeys({ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 2056 })?.proj4).toContain('+proj=somerc');
    expect(crsFromGeoKeys({ GTModelTypeGeoKey: 2, GeographicTypeGeoKey: 4326 })?.isGeographic).toBe(true);
  });

  it('treats a TIFF without geokeys as a plain image', () => {
    expect(crsFromGeoKeys(null)).toBeUndefined();
  });

  it('rejects user-defined and unknown CRSs with a clear error', () => {
    expect(() => crsFromGeoKeys({ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 32767 })).toThrow(UnreadableImageError);
    expect(() => crsFromGeoKeys({ GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 99999 })).toThrow(/EPSG:99999/);
  });
});

describe('datum shifts as GDAL chooses them without grids', () => {
  it('uses the best Helmert transformation for the area (OSGB36 / British National Grid in London: EPSG:1314)', () => {
    const crs = crsFromEpsg(27700, [-0.2, 51.4, -0.1, 51.6]);
    expect(crs.proj4).toContain('+towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489');
    expect(crs.proj4).not.toContain('nadgrids');
  });

  it('picks NAD27 to WGS 84 (4) in Ohio, where PROJ lists it first', () => {
    expect(crsFromEpsg(26717, [-81.1, 40.6, -80.9, 40.7]).proj4).toMatch(/\+ellps=clrk66 .*\+towgs84=-8,160,176,0,0,0,0/);
  });

  it('keeps WGS 84 based definitions as they are', () => {
    expect(crsFromEpsg(32633).proj4).toBe('+proj=utm +zone=33 +datum=WGS84 +units=m +no_defs +type=crs');
  });
});
