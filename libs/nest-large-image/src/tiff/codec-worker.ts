import { move, transferableSymbol, valueSymbol } from 'piscina';
import { decodeLzw } from './lzw';
import { SampleOrder, alreadyNative, toNativeSamples } from './native-samples';

/** One LZW block: its stored bytes (copied to the thread), the size it decodes to, its samples' order. */
export interface LzwTask {
  input: Uint8Array;
  outputBytes: number;
  order: SampleOrder;
}

/** The decoded block, transferred back, and how many of its bytes the stream filled. */
export interface LzwAnswer {
  buffer: ArrayBuffer;
  written: number;
}

/** Entry point of the codec threads (run by Piscina): decodes one LZW block into native samples. */
export default function decodeOnThisThread({ input, outputBytes, order }: LzwTask) {
  const output = new Uint8Array(outputBytes);
  const written = decodeLzw(input, output);
  if (!alreadyNative(order)) toNativeSamples(output.buffer, order);
  const answer: LzwAnswer = { buffer: output.buffer, written };
  return move({ [transferableSymbol]: output.buffer, [valueSymbol]: answer });
}
