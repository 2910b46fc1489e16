import { crsFromEpsg, WGS84 } from './crs';
import { cornerBounds, geographicBounds } from './footprint';

describe('geographicBounds', () => {
  it('widens the corners of an image around the north pole to every longitude and the pole (EPSG:3413)', () => {
    // 600 x 600 pixels of 5 km centred on the pole.
    const crs = crsFromEpsg(3413);
    const bounds = geographicBounds([-1500000, 5000, 0, 1500000, 0, -5000], 600, 600, crs);
    const corners = cornerBounds([-1500000, 5000, 0, 1500000, 0, -5000], 600, 600, crs, WGS84);
    expect(corners.ymax - corners.ymin).toBeLessThan(1e-6);
    expect(bounds).toEqual({ xmin: -180, xmax: 180, ymin: corners.ymin, ymax: 90 });
    expect(bounds.ymin).toBeCloseTo(70.6, 1);
  });

  it('does the same towards the south pole (EPSG:3031)', () => {
    const bounds = geographicBounds([-1500000, 5000, 0, 1500000, 0, -5000], 600, 600, crsFromEpsg(3031));
    expect(bounds).toMatchObject({ xmin: -180, xmax: 180, ymin: -90 });
    expect(bounds.ymax).toBeCloseTo(-70.65, 1);
  });

  it('gives the corners of an image away from the poles, and of any geographic image', () => {
    const utm = crsFromEpsg(32633);
    const gt: [number, number, number, number, number, number] = [500000, 10, 0, 4600000, 0, -10];
    expect(geographicBounds(gt, 1000, 800, utm)).toEqual(cornerBounds(gt, 1000, 800, utm, WGS84));
    // A polar stereographic image that stops short of the pole.
    const offPole: [number, number, number, number, number, number] = [500000, 5000, 0, 1500000, 0, -5000];
    expect(geographicBounds(offPole, 100, 100, crsFromEpsg(3413))).toEqual(cornerBounds(offPole, 100, 100, crsFromEpsg(3413), WGS84));
    const world: [number, number, number, number, number, number] = [-180, 0.5, 0, 90, 0, -0.5];
    expect(geographicBounds(world, 720, 360, WGS84)).toEqual({ xmin: -180, ymin: -90, xmax: 180, ymax: 90 });
  });
});
