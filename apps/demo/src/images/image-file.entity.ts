import { ApiProperty } from '@nestjs/swagger';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An uploaded raster: `file` holds the storage reference that @LargeImage('file') reads. */
@Entity()
export class ImageFile {
  @ApiProperty()
  @PrimaryGeneratedColumn()
  id!: number;

  @ApiProperty({ description: 'Original file name' })
  @Column()
  name!: string;

  @ApiProperty({ description: 'Storage reference, e.g. local://…/image.tif or s3://bucket/key' })
  @Column()
  file!: string;

  @ApiProperty()
  @CreateDateColumn()
  createdAt!: Date;
}
