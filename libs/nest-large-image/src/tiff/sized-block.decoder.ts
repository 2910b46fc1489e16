import { BaseDecoder } from 'geotiff';
import { decodedBlockBytes } from './decoded-block-bytes';

/** A decoder that knows the size one block decodes to, and so bounds what a corrupt block can claim. */
export abstract class SizedBlockDecoder extends BaseDecoder {
  /** Bytes one block decodes to. */
  protected readonly blockBytes: number;

  constructor(parameters: ConstructorParameters<typeof BaseDecoder>[0]) {
    super(parameters);
    this.blockBytes = decodedBlockBytes(parameters);
  }
}
