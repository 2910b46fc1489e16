import { Controller, Get, NotFoundException, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { ProcessStatsSnapshot } from './cache/process-stats';
import { LargeImageService } from './large-image.service';
import { type ColormapList, listColormaps } from './render/colormaps';
import { IMAGE_FORMATS } from './render/image-formats';
import { SOURCES } from './routes/common-parameters';

/** Module-level diagnostics, as django-large-image's `/api/large-image/*` views. */
@ApiTags('large-image')
@Controller('api/large-image')
export class LargeImageDiagnosticsController {
  constructor(private readonly service: LargeImageService) {}

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

  @Get('stats')
  @ApiOperation({ summary: 'This process: event-loop delay, memory and cache sizes (only with the statsEndpoint option)' })
  @ApiQuery({ name: 'reset', required: false, type: 'boolean', description: 'Restart the event-loop delay histogram' })
  stats(@Query('reset') reset?: string): ProcessStatsSnapshot & { caches: Record<string, number> } {
    if (!this.service.statsEnabled) throw new NotFoundException('The stats endpoint is disabled; enable it with the statsEndpoint option');
    return this.service.stats(reset === 'true');
  }

  @Get('sources')
  @ApiOperation({ summary: 'Readers available for the `source` parameter' })
  sources(): Record<string, string> {
    return { ...SOURCES };
  }
}
