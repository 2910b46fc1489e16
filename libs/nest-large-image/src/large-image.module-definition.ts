import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { LargeImageModuleOptions } from './large-image-options.interface';

export const {
  ConfigurableModuleClass: LargeImageConfigurableModule,
  MODULE_OPTIONS_TOKEN: LARGE_IMAGE_MODULE_OPTIONS,
  OPTIONS_TYPE: LargeImageOptionsType,
  ASYNC_OPTIONS_TYPE: LargeImageAsyncOptionsType,
} = new ConfigurableModuleBuilder<LargeImageModuleOptions>({ moduleName: 'LargeImage' })
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: true }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
  .build();
