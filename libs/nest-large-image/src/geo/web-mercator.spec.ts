import { mercatorLevels, pixelLevels, tileBounds3857, WORLD_ORIGIN, zoomResolution } from './web-mercator';

describe('web-mercator tile math', () => {
  it('levels in pixel space follow large_image: ceil(log2(max(w,h)/tile)) + 1, at least 1', () => {
    expect(pixelLevels(256, 256, 256)).toBe(1);
    expect(pixelLevels(100, 50, 256)).toBe(1);
    expect(pixelLevels(257, 10, 256)).toBe(2);
    expect(pixelLevels(2000, 1300, 256)).toBe(4);
  });

  it('EPSG:3857 levels reach the first zoom at least as fine as the native resolution', () => {
    // django-large-image's rgb_geotiff: ~905 m pixels → levels 9.
    expect(mercatorLevels(1076, 256)).toBe(9);
    const z14 = zoomResolution(14, 256);
    expect(mercatorLevels(z14, 256)).toBe(15);
    expect(mercatorLevels(z14 * 0.999, 256)).toBe(16);
    expect(mercatorLevels(z14 * 1.001, 256)).toBe(15);
  });

  it('tile bounds tile the world square from the top-left', () => {
    expect(tileBounds3857(0, 0, 0, 256)).toEqual([-WORLD_ORIGIN, -WORLD_ORIGIN, WORLD_ORIGIN, WORLD_ORIGIN]);
    const [xmin, ymin, xmax, ymax] = tileBounds3857(1, 1, 1, 256);
    expect([xmin, ymin, xmax, ymax]).toEqual([0, -WORLD_ORIGIN, WORLD_ORIGIN, 0]);
  });
});
