import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type ColormapList, listColormaps } from './render/colormaps';
import { IMAGE_FORMATS } from './render/image-formats';
import { SOURCES } from './routes/common-parameters';

/** Module-level diagnostics, as django-large-image's `/api/large-image/*` views. */
@ApiTags('large-image')
@Controller('api/large-image')
export class LargeImageDiagnosticsController {
  @Get('formats')
  @ApiOperation({ summary: 'Encodings tiles can be requested in: extension → MIME type' })
  formats(): Record<string, string> {
    return { ...IMAGE_FORMATS };
  }

  @Get('colormaps')
  @ApiOperation({ summary: 'Colormap names the style `palette` accepts (matplotlib spellings, case-insensitive)' })
  colormaps(): ColormapList {
    return listColormaps();
  }

  @Get('sources')
  @ApiOperation({ summary: 'Readers available for the `source` parameter' })
  sources(): Record<string, string> {
    return { ...SOURCES };
  }
}
