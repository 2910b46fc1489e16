import { UnreadableImageError } from '../errors/large-image.errors';
import { crsFromGeoKeys } from './geokeys';

describe('crsFromGeoKeys', () => {
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
