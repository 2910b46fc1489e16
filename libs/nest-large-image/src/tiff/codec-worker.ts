import { move, transferableSymbol, valueSymbol } from 'piscina';
import { LercLayout, decodeLerc } from './lerc';
import { decodeLzw } from './lzw';
import { SampleOrder, toNativeSamples } from './native-samples';
import { ownArrayBuffer } from './own-array-buffer';
import { decodePackbits } from './packbits';

/** The codecs decoded here, in JavaScript, rather than by native code off the event loop (ZSTD: zstd.decoder.ts). */
export type ThreadCodec = 'lzw' | 'packbits' | 'lerc';

/** One block: its stored bytes (in shared memory when sent to a thread), the size it decodes to, its samples' order. */
export interface CodecTask {
  codec: ThreadCodec;
  input: Uint8Array;
  outputBytes: number;
  order: SampleOrder;
  /** LERC only. */
  lerc?: LercLayout;
}

/** The decoded block, transferred back, and how many of its bytes the stream filled. */
export interface CodecAnswer {
  buffer: ArrayBuffer;
  written: number;
}

/** Decodes one block into native samples, on whichever thread calls it. */
export async function decodeCodecBlock({ codec, input, outputBytes, order, lerc }: CodecTask): Promise<CodecAnswer> {
  let answer: CodecAnswer;
  if (codec === 'lerc') {
    const pixels = await decodeLerc(input, outputBytes, lerc!);
    answer = { buffer: ownArrayBuffer(new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength)), written: pixels.byteLength };
  } else {
    const output = new Uint8Array(outputBytes);
    answer = { buffer: output.buffer, written: codec === 'lzw' ? decodeLzw(input, output) : decodePackbits(input, output) };
  }
  toNativeSamples(answer.buffer, order);
  return answer;
}

/** Entry point of the codec threads (run by Piscina): decodeCodecBlock, its buffer transferred back. */
export default async function decodeOnThisThread(task: CodecTask) {
  const answer = await decodeCodecBlock(task);
  return move({ [transferableSymbol]: answer.buffer, [valueSymbol]: answer });
}
