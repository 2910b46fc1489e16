import { move, transferableSymbol, valueSymbol } from 'piscina';
import { decodeLzw } from './lzw';
import { SampleOrder, toNativeSamples } from './native-samples';

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

/** Decodes one LZW block into native samples, on whichever thread calls it. */
export function decodeLzwBlock({ input, outputBytes, order }: LzwTask): LzwAnswer {
  const output = new Uint8Array(outputBytes);
  const written = decodeLzw(input, output);
  toNativeSamples(output.buffer, order);
  return { buffer: output.buffer, written };
}

/** Entry point of the codec threads (run by Piscina): decodeLzwBlock, its buffer transferred back. */
export default function decodeOnThisThread(task: LzwTask) {
  const answer = decodeLzwBlock(task);
  return move({ [transferableSymbol]: answer.buffer, [valueSymbol]: answer });
}
