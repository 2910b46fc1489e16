import request from 'supertest';
import { createTestApp, TestApp } from './support/large-image-test-app';

describe('bad input gets a clear JSON error, never a 500', () => {
  let testApp: TestApp;
  const ids: Record<string, number> = {};
  const get = (path: string) => request(testApp.app.getHttpServer()).get(path);

  beforeAll(async () => {
    testApp = await createTestApp();
    ids.geo = await testApp.addImage('rgb-utm-deflate.tif');
    ids.plain = await testApp.addImage('pyramid-nongeo.tif');
    ids.text = await testApp.addImage('not-a-tiff.tif');
    ids.truncated = await testApp.addImage('truncated.tif');
    ids.customCrs = await testApp.addImage('custom-crs.tif');
    ids.missing = await testApp.addImage('no-such-file.tif');
    ids.escape = await testApp.addImage('../support/test-image.entity.ts');
  });
  afterAll(() => testApp.app.close());

  it.each([
    ['unknown record', () => '/api/images/999999/info/metadata', 404, /does not exist/],
    ['non-numeric record id', () => '/api/images/abc/info/metadata', 404, /does not exist/],
    ['record whose file is gone', () => `/api/images/${ids.missing}/info/metadata`, 404, /not found/i],
    ['file reference escaping the storage root', () => `/api/images/${ids.escape}/info/metadata`, 400, /root|outside|escape/i],
    ['text file named .tif', () => `/api/images/${ids.text}/info/metadata`, 422, /not a readable TIFF/],
    ['text file tile', () => `/api/images/${ids.text}/tiles/0/0/0.png`, 422, /not a readable TIFF/],
    ['truncated TIFF', () => `/api/images/${ids.truncated}/tiles/0/0/0.png`, 422, /TIFF|truncated|corrupt/i],
    ['CRS without an EPSG code', () => `/api/images/${ids.customCrs}/info/metadata`, 422, /user-defined CRS/],
    ['zoom beyond the pixel pyramid', () => `/api/images/${ids.plain}/tiles/100/0/0.png`, 400, /valid zoom levels are 0 to 3/],
    ['column beyond the pixel pyramid', () => `/api/images/${ids.plain}/tiles/0/1/0.png`, 400, /x must be 0..0/],
    ['zoom beyond the EPSG:3857 pyramid', () => `/api/images/${ids.geo}/tiles/30/0/0.png?projection=EPSG:3857`, 400, /valid zoom levels/],
    ['row beyond the EPSG:3857 grid', () => `/api/images/${ids.geo}/tiles/2/0/4.png?projection=EPSG:3857`, 400, /y 0..3/],
    ['negative tile index', () => `/api/images/${ids.geo}/tiles/1/-1/0.png`, 400, /non-negative integer/],
    ['unknown format', () => `/api/images/${ids.geo}/tiles/0/0/0.gif`, 400, /Format 'gif' is not supported/],
    ['unknown query parameter', () => `/api/images/${ids.geo}/info/metadata?foo=1`, 400, /Unknown query parameter\(s\): foo/],
    ['unknown source', () => `/api/images/${ids.geo}/info/metadata?source=foo`, 400, /not a valid source/],
    ['unsupported projection', () => `/api/images/${ids.geo}/info/metadata?projection=EPSG:4326`, 400, /EPSG:3857/],
    ['projection on a plain image', () => `/api/images/${ids.plain}/tiles/0/0/0.png?projection=EPSG:3857`, 400, /not georeferenced/],
  ])('%s', async (_name, path, status, message) => {
    const response = await get(path());
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(response.body.statusCode).toBe(status);
    expect(response.body.message).toMatch(message);
  });

  it('accepts the one source it has', async () => {
    expect((await get(`/api/images/${ids.geo}/info/metadata?source=geotiff`)).status).toBe(200);
  });
});
