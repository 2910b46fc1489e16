/** Property the @LargeImage decorator injects the LargeImageService into, on the user's controller. */
export const LARGE_IMAGE_SERVICE_PROPERTY = '__largeImageService';
