import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The smallest entity a user could decorate: an id and a file reference. */
@Entity()
export class TestImage {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  file!: string;
}
