import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { LargeImageService } from 'nest-large-image';
import { Repository } from 'typeorm';
import { ImageFile } from './image-file.entity';

/** The sample COG (RGB, JPEG, UTM zone 33N, with overviews) that a fresh demo starts with. */
export const SAMPLE_FILE = path.resolve(__dirname, '../../assets/sample-utm33n.tif');

/** Registers the sample image on first start, so a new user has a record to look at at once. */
@Injectable()
export class SampleImageSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(SampleImageSeeder.name);

  constructor(
    @InjectRepository(ImageFile) private readonly repo: Repository<ImageFile>,
    private readonly largeImage: LargeImageService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.repo.count()) > 0) return;
    const name = path.basename(SAMPLE_FILE);
    const file = await this.largeImage.store(name, await fs.readFile(SAMPLE_FILE));
    const record = await this.repo.save(this.repo.create({ name, file }));
    this.logger.log(`Registered the sample image as record ${record.id}`);
  }
}
