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
  static forRoot(config: DemoConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(databaseOptions(config)),
        TypeOrmModule.forFeature([ImageFile]),
        LargeImageModule.forRoot(config.largeImage),
        MulterModule.register({ limits: { fileSize: config.uploadLimitBytes } }),
      ],
      controllers: [ImagesController],
      providers: [SampleImageSeeder],
    };
  }
}

function databaseOptions(config: DemoConfig): TypeOrmModuleOptions {
  const common = { entities: [ImageFile], synchronize: true };
  if (config.databaseUrl) return { type: 'postgres', url: config.databaseUrl, ...common };
  if (config.sqlitePath !== ':memory:') mkdirSync(path.dirname(config.sqlitePath), { recursive: true });
  return { type: 'better-sqlite3', database: config.sqlitePath, ...common };
}
