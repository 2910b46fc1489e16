import { applyLargeImageRoutes } from './routes/apply-large-image-routes';

/**
 * Gives a controller the large-image API for the entity field `fileField`:
 *
 * ```ts
 * @Controller('api/images')
 * @LargeImage('file')
 * export class ImagesController { constructor(@InjectRepository(ImageFile) readonly repo: Repository<ImageFile>) {} }
 * ```
 * Records are found through the controller's `repo`, or through a `getLargeImageFile(id, req)` method.
 * @publicApi
 */
export function LargeImage(fileField: string): ClassDecorator {
  return (target) => applyLargeImageRoutes(target, fileField);
}
