// The shared trace corpus (../shared/corpus beside the repo): tests read it in place.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const CORPUS_DIR = path.resolve(process.cwd(), '../shared/corpus');

export type Expectation = 'load' | 'load-with-warnings' | 'error' | 'error-or-warnings';

export interface CorpusEntry {
  readonly file: string;
  readonly format: string;
  readonly traces: number;
  readonly spans: number;
  readonly expect: Expectation;
  readonly malformed?: boolean;
  readonly records?: number;
}

export function corpusEntries(): CorpusEntry[] {
  const raw = JSON.parse(readFileSync(path.join(CORPUS_DIR, 'expected.json'), 'utf8')) as Record<
    string,
    Omit<CorpusEntry, 'file'>
  >;
  return Object.entries(raw).map(([file, e]) => ({ file, ...e }));
}

export function corpusPath(file: string): string {
  return path.join(CORPUS_DIR, file);
}

export function readCorpusText(file: string): string {
  return readFileSync(corpusPath(file), 'utf8');
}

/** expected.json keyed by file, as it is written. */
export function expectedByFile(): Record<string, CorpusEntry> {
  return Object.fromEntries(corpusEntries().map((e) => [e.file, e]));
}

export function readCorpusJson(file: string): unknown {
  return JSON.parse(readCorpusText(file));
}

export function corpusParsesAsJson(file: string): boolean {
  try {
    readCorpusJson(file);
    return true;
  } catch {
    return false;
  }
}
