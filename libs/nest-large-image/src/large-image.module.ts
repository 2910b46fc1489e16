import { Module } from '@nestjs/common';
import { LargeImageDiagnosticsController } from './large-image-diagnostics.controller';
import { LargeImageConfigurableModule } from './large-image.module-definition';
import { LargeImageService } from './large-image.service';

/**
 * `LargeImageModule.forRoot({ storages: { local: { root } } })` or `.forRootAsync({ useFactory })`.
 * Global by default, so any controller decorated with @LargeImage can reach the service.
 * @publicApi
 */
@Module({
  controllers: [LargeImageDiagnosticsController],
  providers: [LargeImageService],
  exports: [LargeImageService],
})
export class LargeImageModule extends LargeImageConfigurableModule {}
