import {
  Controller,
  Get,
  NotFoundException,
  Param,
  ParseIntPipe,
  Post,
  UnprocessableEntityException,
  UploadedFile,
  UseInterceptors,
  BadRequestException,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { LargeImage, LargeImageService } from 'nest-large-image';
import { Repository } from 'typeorm';
import { ImageFile } from './image-file.entity';
import { looksLikeTiff } from './tiff-signature';

/** The demo's whole integration: a TypeORM entity with a file field and one decorator. */
@ApiTags('images')
@Controller('api/images')
@LargeImage('file')
export class ImagesController {
  constructor(
    @InjectRepository(ImageFile) readonly repo: Repository<ImageFile>,
    private readonly largeImage: LargeImageService,
  ) {}

  @Get()
  @ApiOkResponse({ type: [ImageFile] })
  list(): Promise<ImageFile[]> {
    return this.repo.find({ order: { id: 'ASC' } });
  }

  @Get(':id')
  @ApiOkResponse({ type: ImageFile })
  async one(@Param('id', ParseIntPipe) id: number): Promise<ImageFile> {
    const record = await this.repo.findOneBy({ id });
    if (!record) throw new NotFoundException(`Image ${id} does not exist`);
    return record;
  }

  @Post()
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: ImageFile })
  async upload(@UploadedFile() upload: Express.Multer.File | undefined): Promise<ImageFile> {
    if (!upload) throw new BadRequestException("Send the raster as multipart/form-data in a field named 'file'");
    if (!looksLikeTiff(upload.buffer)) {
      throw new UnprocessableEntityException(`'${upload.originalname}' is not a TIFF; upload a GeoTIFF, COG or tiled TIFF`);
    }
    const file = await this.largeImage.store(upload.originalname, upload.buffer);
    return this.repo.save(this.repo.create({ name: upload.originalname, file }));
  }
}
