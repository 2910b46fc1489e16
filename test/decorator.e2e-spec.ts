import { CanActivate, Controller, ForbiddenException, Get, INestApplication, Injectable, Module, UseGuards } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import request from 'supertest';
import { LargeImage, LargeImageModule } from 'nest-large-image';
import { FIXTURES } from './support/large-image-test-app';

@Injectable()
class RejectEveryone implements CanActivate {
  canActivate(): boolean {
    throw new ForbiddenException('members only');
  }
}

/** Records come from a hook instead of a repository; the controller's own guard must cover the added routes. */
@Controller('api/private')
@UseGuards(RejectEveryone)
@LargeImage('file')
class GuardedController {
  getLargeImageFile(): string {
    return 'rgb-utm-deflate.tif';
  }
}

@Controller('api/hooked')
@LargeImage('file')
class HookedController {
  getLargeImageFile(id: string): string | undefined {
    return { one: 'rgb-utm-jpeg.tif', plain: 'pyramid-nongeo.tif' }[id];
  }

  @Get('own/route')
  own() {
    return { mine: true };
  }
}

describe('@LargeImage on a user controller', () => {
  let app: INestApplication;

  beforeAll(async () => {
    @Module({
      imports: [
        LargeImageModule.forRootAsync({
          useFactory: async () => ({ storages: { local: { root: FIXTURES } } }),
        }),
      ],
      controllers: [GuardedController, HookedController],
    })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });
  afterAll(() => app.close());

  it.each(['info/metadata', 'tiles/metadata', 'tiles/0/0/0.png', 'tilejson.json'])("the controller's guard rejects %s", async (route) => {
    const response = await request(app.getHttpServer()).get(`/api/private/1/${route}`);
    expect(response.status).toBe(403);
    expect(response.body.message).toBe('members only');
  });

  it('forRootAsync configures the module, a getLargeImageFile hook finds records, and own routes still work', async () => {
    const server = app.getHttpServer();
    expect((await request(server).get('/api/hooked/one/info/metadata')).body.sizeX).toBe(1500);
    expect((await request(server).get('/api/hooked/none/info/metadata')).status).toBe(404);
    expect((await request(server).get('/api/hooked/own/route')).body).toEqual({ mine: true });
  });

  it('Swagger documents every added route with its parameters and a stable operationId', () => {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    const tile = document.paths['/api/hooked/{id}/tiles/{z}/{x}/{y}.{format}']?.get;
    expect(tile?.operationId).toBe('HookedController_largeImageTile');
    const names = (tile?.parameters ?? []).map((parameter) => ('name' in parameter ? parameter.name : ''));
    expect(names).toEqual(expect.arrayContaining(['id', 'z', 'x', 'y', 'format', 'projection', 'source']));
    for (const path of ['info/metadata', 'tiles/metadata', 'tilejson.json']) {
      expect(document.paths[`/api/hooked/{id}/${path}`]?.get).toBeDefined();
    }
    expect(document.paths['/api/large-image/formats']?.get).toBeDefined();
  });

  it('a name clash with the user controller fails loudly at startup', () => {
    expect(() => {
      @LargeImage('file')
      class Clashing {
        largeImageTile() {
          return 'mine';
        }
      }
      return Clashing;
    }).toThrow(/Clashing.largeImageTile already exists/);
  });
});
