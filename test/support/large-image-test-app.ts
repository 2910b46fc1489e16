import { Controller, INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { InjectRepository, TypeOrmModule, getRepositoryToken } from '@nestjs/typeorm';
import path from 'node:path';
import { Repository } from 'typeorm';
import { LargeImage, LargeImageModule, LargeImageModuleOptions } from 'nest-large-image';
import { TestImage } from './test-image.entity';

export const FIXTURES = path.resolve(__dirname, '../fixtures');

@Controller('api/images')
@LargeImage('file')
class TestImagesController {
  constructor(@InjectRepository(TestImage) readonly repo: Repository<TestImage>) {}
}

export interface TestApp {
  app: INestApplication;
  repo: Repository<TestImage>;
  /** Creates a record whose file field is `reference`; returns its id. */
  addImage(reference: string): Promise<number>;
}

/** A Nest app with an in-memory SQLite entity, a @LargeImage controller and the given storages. */
export async function createTestApp(options: Partial<LargeImageModuleOptions> = {}): Promise<TestApp> {
  @Module({
    imports: [
      TypeOrmModule.forRoot({ type: 'better-sqlite3', database: ':memory:', entities: [TestImage], synchronize: true }),
      TypeOrmModule.forFeature([TestImage]),
      LargeImageModule.forRoot({ storages: { local: { root: FIXTURES } }, ...options }),
    ],
    controllers: [TestImagesController],
  })
  class TestAppModule {}

  const moduleRef = await Test.createTestingModule({ imports: [TestAppModule] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  const repo = app.get<Repository<TestImage>>(getRepositoryToken(TestImage));
  return {
    app,
    repo,
    addImage: async (reference) => (await repo.save(repo.create({ file: reference }))).id,
  };
}
