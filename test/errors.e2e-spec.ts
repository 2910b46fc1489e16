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
    ['unknown EPSG code in region units', () => `/api/images/${ids.geo}/data/region.png?left=0&top=0&right=1&bottom=1&units=EPSG:99999`, 400, /registered EPSG/],
    ['unknown EPSG code in pixel units', () => `/api/images/${ids.geo}/data/pixel?left=0&top=0&units=EPSG:99999`, 400, /registered EPSG/],
    ['region whose right edge is left of its left edge', () => `/api/images/${ids.plain}/data/region.png?left=-10&right=0&top=0&bottom=10&units=pixels`, 400, /No output generated/],
    ['a style that only multiplies', () => `/api/images/${ids.geo}/tiles/0/0/0.png?band=alpha`, 400, /only multiplies/],
    ['TileJSON in another projection', () => `/api/images/${ids.geo}/tilejson.json?projection=EPSG:4326`, 400, /EPSG:3857 tiles only/],
    ['TileJSON with a malformed style', () => `/api/images/${ids.geo}/tilejson.json?style=%7B`, 400, /not valid JSON/],
  ])('%s', async (_name, path, status, message) => {
    const response = await get(path());
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(response.body.statusCode).toBe(status);
    expect(response.body.message).toMatch(message);
  });

  it('errors carry no ETag of an answer and Cache-Control: no-store, so neither proxies nor revalidation keep them', async () => {
    for (const path of [`/api/images/${ids.plain}/tiles/100/0/0.png`, `/api/images/${ids.text}/info/metadata`, `/api/images/${ids.geo}/data/region.png?units=EPSG:99999&left=0&top=0&right=1&bottom=1`]) {
      const response = await get(path);
      expect(response.status).toBeGreaterThanOrEqual(400);
      // Express may add its own weak ETag of the JSON body; the answer's strong ETag must not be there.
      expect(response.headers.etag ?? '').not.toMatch(/^"/);
      expect(response.headers['cache-control']).toBe('no-store');
    }
  });

  it('accepts the one source it has', async () => {
    expect((await get(`/api/images/${ids.geo}/info/metadata?source=geotiff`)).status).toBe(200);
  });
});
