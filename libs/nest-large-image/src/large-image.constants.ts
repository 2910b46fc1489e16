/** Property the @LargeImage decorator injects the LargeImageService into, on the user's controller. */
export const LARGE_IMAGE_SERVICE_PROPERTY = '__largeImageService';

/** Property the @LargeImage decorator injects Nest's HttpAdapterHost into, to answer through Express or Fastify. */
export const LARGE_IMAGE_ADAPTER_PROPERTY = '__largeImageHttpAdapter';
