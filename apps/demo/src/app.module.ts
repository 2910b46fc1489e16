import { DynamicModule, Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule, TypeOrmModuleOptions } from '@nestjs/typeorm';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { LargeImageModule } from 'nest-large-image';
import type { DemoConfig } from './demo-config';
import { ImageFile } from './images/image-file.entity';
import { ImagesController } from './images/images.controller';
import { SampleImageSeeder } from './images/sample-image.seeder';

/** The demo application: one entity, one decorated controller, the library configured from DemoConfig. */
@Module({})
export class AppModule {
  /**
   * `prepare` creates the schema and registers the sample image: done once, by the only process or by the
   * cluster's primary before it forks the workers that serve.
   */
  static forRoot(config: DemoConfig, { prepare = true } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(databaseOptions(config, prepare)),
        TypeOrmModule.forFeature([ImageFile]),
        LargeImageModule.forRoot(config.largeImage),
        MulterModule.register({ limits: { fileSize: config.uploadLimitBytes } }),
      ],
      controllers: [ImagesController],
      providers: prepare ? [SampleImageSeeder] : [],
    };
  }
}

function databaseOptions(config: DemoConfig, synchronize: boolean): TypeOrmModuleOptions {
  const common = { entities: [ImageFile], synchronize };
  if (config.databaseUrl) return { type: 'postgres', url: config.databaseUrl, ...common };
  if (config.sqlitePath !== ':memory:') mkdirSync(path.dirname(config.sqlitePath), { recursive: true });
  return { type: 'better-sqlite3', database: config.sqlitePath, ...common };
}
