import { existsSync } from 'node:fs';
import path from 'node:path';

/** What Piscina needs to start a worker thread from one of the library's files. */
export interface WorkerEntry {
  filename: string;
  execArgv?: string[];
}

/**
 * The file of the worker `name` in `directory`: compiled JavaScript beside its caller; when the library runs
 * from its TypeScript sources (the test suite), the .ts file through @swc-node/register, a development
 * dependency. Neither exists when the library was bundled into one file (webpack): callers then do the
 * work on the calling thread.
 */
export function workerEntry(name: string, directory: string): WorkerEntry | undefined {
  const compiled = path.join(directory, `${name}.js`);
  if (existsSync(compiled)) return { filename: compiled };
  const source = path.join(directory, `${name}.ts`);
  if (existsSync(source)) return { filename: source, execArgv: ['--require', '@swc-node/register'] };
  return undefined;
}
