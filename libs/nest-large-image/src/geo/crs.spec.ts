import proj4 from 'proj4';
import { WEB_MERCATOR, WGS84, crsFromEpsg, transformBetween } from './crs';

describe('transformBetween', () => {
  // ED50 / UTM 33N, OSGB 1936 / British National Grid, NAD27 / UTM 15N: datum shifts proj4 takes through WGS 84.
  it.each([23033, 27700, 26715])('gives proj4 its own numbers for EPSG:%i, both ways, where a datum shift goes through WGS 84', (code) => {
    const crs = crsFromEpsg(code);
    for (const [from, to] of [[WEB_MERCATOR, crs], [crs, WEB_MERCATOR], [WGS84, crs]]) {
      const ours = transformBetween(from, to);
      const theirs = proj4(from.proj4, to.proj4);
      const toFrom = proj4(WGS84.proj4, from.proj4);
      for (let i = 0; i < 400; i++) {
        const [x, y] = toFrom.forward([-100 + (i % 20) * 6, 35 + Math.floor(i / 20)]);
        const [ourX, ourY] = ours(x, y);
        const [theirX, theirY] = theirs.forward([x, y]);
        expect([ourX, ourY]).toEqual([theirX, theirY]);
      }
    }
  });

  it('leaves points in a CRS as they are, as PROJ does (proj4 moved -15.975 to -15.974999999999998)', () => {
    expect(transformBetween(WGS84, WGS84)(179.325, -15.975)).toEqual([179.325, -15.975]);
  });
});
