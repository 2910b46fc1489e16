/** An encoded image answer: its bytes and MIME type. */
export interface EncodedImage {
  body: Buffer;
  mimeType: string;
}
