import { Controller, INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { InjectRepository, TypeOrmModule, getRepositoryToken } from '@nestjs/typeorm';
import request from 'supertest';
import { Column, DataSource, DeleteDateColumn, Entity, PrimaryColumn, Repository } from 'typeorm';
import { LargeImage, LargeImageModule } from 'nest-large-image';
import { FIXTURES } from './support/large-image-test-app';

/**
 * An entity unlike the demo's: a string key, soft deletes, and a file column stored under another name
 * with a transformer (the database holds `scan:` names, which no storage knows; the entity `local://`
 * references).
 */
@Entity({ name: 'lookup_scan' })
class Scan {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  code!: string;

  @Column({
    name: 'stored_path',
    type: 'varchar',
    transformer: { to: (reference: string) => reference.replace(/^local:\/\//, 'scan:'), from: (stored: string) => stored.replace(/^scan:/, 'local://') },
  })
  file!: string;

  /** A second file field, served by a second controller over the same repository. */
  @Column({ type: 'varchar', nullable: true })
  preview?: string;

  @DeleteDateColumn()
  deletedAt?: Date;
}

@Controller('api/scans')
@LargeImage('file')
class ScansController {
  constructor(@InjectRepository(Scan) readonly repo: Repository<Scan>) {}
}

@Controller('api/previews')
@LargeImage('preview')
class PreviewsController {
  constructor(@InjectRepository(Scan) readonly repo: Repository<Scan>) {}
}

/** SQLite always; PostgreSQL too when DATABASE_URL is set (CI sets it). */
const databases: Array<[string, Record<string, unknown>]> = [['SQLite', { type: 'better-sqlite3', database: ':memory:' }]];
if (process.env.DATABASE_URL) databases.push(['PostgreSQL', { type: 'postgres', url: process.env.DATABASE_URL }]);

describe.each(databases)('records are found through the controller repository on %s', (_name, connection) => {
  let app: INestApplication;
  let repo: Repository<Scan>;
  const sizeX = async (code: string) => {
    const response = await request(app.getHttpServer()).get(`/api/scans/${code}/info/metadata`);
    return response.status === 200 ? response.body.sizeX : response.status;
  };

  beforeAll(async () => {
    @Module({
      imports: [
        TypeOrmModule.forRoot({ ...connection, entities: [Scan], synchronize: true, dropSchema: true } as never),
        TypeOrmModule.forFeature([Scan]),
        LargeImageModule.forRoot({ storages: { local: { root: FIXTURES } } }),
      ],
      controllers: [ScansController, PreviewsController],
    })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    repo = app.get(getRepositoryToken(Scan));
    await repo.save([
      { code: 'utm', file: 'local://rgb-utm-jpeg.tif', preview: 'local://pyramid-nongeo.tif' },
      { code: 'plain', file: 'local://pyramid-nongeo.tif' },
      { code: '12', file: 'local://rgb-utm-deflate.tif' },
    ]);
  });
  afterAll(async () => {
    await app.get(DataSource).dropDatabase();
    await app.close();
  });

  it('by string keys, numeric-looking ones too, through the column transformer', async () => {
    expect(await sizeX('utm')).toBe(1500);
    expect(await sizeX('plain')).toBe(1100);
    expect(await sizeX('12')).toBe(1500);
    expect(await sizeX('missing')).toBe(404);
  });

  it('two controllers over the same repository each read their own file field', async () => {
    expect(await sizeX('utm')).toBe(1500);
    const preview = await request(app.getHttpServer()).get('/api/previews/utm/info/metadata');
    expect(preview.body.sizeX).toBe(1100);
  });

  it('a record changed or soft-deleted is seen at the next request', async () => {
    await repo.update({ code: 'utm' }, { file: 'local://pyramid-nongeo.tif' });
    expect(await sizeX('utm')).toBe(1100);
    await repo.softDelete({ code: 'plain' });
    expect(await sizeX('plain')).toBe(404);
  });

  it('ids that cannot be keys are refused before any query', async () => {
    expect((await request(app.getHttpServer()).get(`/api/scans/${'x'.repeat(201)}/info/metadata`)).status).toBe(400);
  });
});
