import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { promises as fs } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../apps/demo/src/app.module';
import { demoConfigFromEnv } from '../apps/demo/src/demo-config';
import { setUpDemoApp } from '../apps/demo/src/set-up-demo-app';
import { FIXTURES_DIR, loadGdalInfo } from './support/fixtures';

/** SQLite always; PostgreSQL too when DATABASE_URL is set (CI sets it). */
const databases: Array<[string, string | undefined]> = [['SQLite', undefined]];
if (process.env.DATABASE_URL) databases.push(['PostgreSQL', process.env.DATABASE_URL]);

describe.each(databases)('the demo app on %s', (_name, databaseUrl) => {
  let app: NestExpressApplication;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'demo-'));
    if (databaseUrl) await dropDemoTable(databaseUrl);
    const config = demoConfigFromEnv({ DATABASE_URL: databaseUrl, UPLOAD_LIMIT_MB: '2' }, dataDir);
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
    setUpDemoApp(app);
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('starts with the sample COG registered and readable', async () => {
    const list = await request(app.getHttpServer()).get('/api/images');
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(1);
    expect(list.body[0].name).toBe('sample-utm33n.tif');
    const metadata = await request(app.getHttpServer()).get(`/api/images/${list.body[0].id}/info/metadata?projection=EPSG:3857`);
    expect(metadata.status).toBe(200);
    expect(metadata.body).toMatchObject({ geospatial: true, sourceSizeX: 1500, sourceSizeY: 1100, projection: 'EPSG:3857' });
  });

  it('stores an upload in the local storage, creates the record and serves it', async () => {
    const upload = await request(app.getHttpServer())
      .post('/api/images')
      .attach('file', path.join(FIXTURES_DIR, 'float32-4326-nodata.tif'));
    expect(upload.status).toBe(201);
    expect(upload.body.file).toMatch(/^local:\/\/.+float32-4326-nodata\.tif$/);
    const stored = path.join(dataDir, 'files', upload.body.file.slice('local://'.length));
    expect((await fs.stat(stored)).size).toBe((await fs.stat(path.join(FIXTURES_DIR, 'float32-4326-nodata.tif'))).size);
    const metadata = await request(app.getHttpServer()).get(`/api/images/${upload.body.id}/info/metadata`);
    expect([metadata.body.sizeX, metadata.body.sizeY]).toEqual(loadGdalInfo('float32-4326-nodata.tif').size);
    const listed = await request(app.getHttpServer()).get('/api/images');
    expect(listed.body.map((record: { id: number }) => record.id)).toContain(upload.body.id);
  });

  it('rejects uploads that are not TIFFs (422), missing (400) or too large (413)', async () => {
    const server = app.getHttpServer();
    const text = await request(server).post('/api/images').attach('file', path.join(FIXTURES_DIR, 'not-a-tiff.tif'));
    expect(text.status).toBe(422);
    expect(text.body.message).toMatch(/not a TIFF/);
    expect((await request(server).post('/api/images').send({})).status).toBe(400);
    const big = await request(server).post('/api/images').attach('file', Buffer.alloc(3 * 1024 * 1024), 'big.tif');
    expect(big.status).toBe(413);
  });

  it('serves its landing page and static files at /', async () => {
    const page = await request(app.getHttpServer()).get('/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('/api/docs');
    const preview = await request(app.getHttpServer()).get('/sample-preview.jpg');
    expect(preview.status).toBe(200);
    expect(preview.headers['content-type']).toBe('image/jpeg');
  });

  it('answers a request over Node\'s 16 KB header limit with a JSON 431, and malformed HTTP with a JSON 400', async () => {
    const long = await request(app.getHttpServer()).get(`/api/images?style=${'x'.repeat(20_000)}`);
    expect(long.status).toBe(431);
    expect(long.body.message).toMatch(/over the server's size limit/);
    // Listening from here on (app.close() stops it): supertest uses a server that listens as it is.
    const server = app.getHttpServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const answer = await rawRequest((server.address() as AddressInfo).port, 'GET /api/images HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(JSON.parse(answer.split('\r\n\r\n')[1])).toMatchObject({ statusCode: 400, message: 'Malformed HTTP request' });
  });

  it('serves Swagger UI at /api/docs with the large-image routes in its JSON', async () => {
    expect((await request(app.getHttpServer()).get('/api/docs')).status).toBe(200);
    const spec = (await request(app.getHttpServer()).get('/api/docs-json')).body;
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/images', '/api/images/{id}/info/metadata', '/api/images/{id}/tiles/{z}/{x}/{y}.{format}']),
    );
  });
});

/** Sends `text` as it is on a new connection and resolves with everything the server answers. */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(text));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

async function dropDemoTable(url: string): Promise<void> {
  const dataSource = await new DataSource({ type: 'postgres', url }).initialize();
  await dataSource.query('DROP TABLE IF EXISTS image_file');
  await dataSource.destroy();
}
