/** An encoded answer (an image, or the JSON of a cached route): its bytes and MIME type. */
export interface EncodedImage {
  body: Buffer;
  mimeType: string;
}
