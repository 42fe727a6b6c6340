// The worker builds a trace's search text from its own copy of the packed columns, after the
// originals have moved to the page and the parsed spans are gone: that text must be the one the
// page would build from its spans, or the search box would find different spans.
import { describe, expect, it } from 'vitest';
import { buildSearchText, type SearchText } from '../../../src/analysis/search.ts';
import { loadTraceText } from '../../../src/formats/load.ts';
import { packTraceForPage } from '../../../src/worker/pack-for-page.ts';
import { packedTransferables } from '../../../src/worker/packed-trace.ts';
import { keepForSearch, SearchJobs } from '../../../src/worker/search-jobs.ts';
import { corpusEntries, readCorpusText } from '../../helpers/corpus.ts';

const loadable = corpusEntries().filter((e) => e.expect !== 'error' && e.format !== 'other');

async function searchTextsFromWorkerCopy(fileName: string, text: string): Promise<SearchText[]> {
  const loaded = loadTraceText(fileName, text);
  if (!loaded.ok) throw new Error(loaded.error.message);
  const packed = loaded.file.traces.map((trace) => packTraceForPage(trace));
  const kept = packed.map(keepForSearch);
  // The originals move to the page, which leaves the worker's buffers empty.
  structuredClone(packed, { transfer: packed.flatMap(packedTransferables) });
  const texts: SearchText[] = [];
  const jobs = new SearchJobs(
    (_id, traceIndex, searchText) => {
      texts[traceIndex] = searchText;
    },
    async () => {},
  );
  jobs.add(1, kept);
  await expect.poll(() => texts.filter(Boolean).length).toBe(kept.length);
  return texts;
}

describe('search text from the worker copy of the packed columns', () => {
  it.each(loadable.map((e) => e.file))('%s: is the text built from the parsed spans', async (file) => {
    const text = readCorpusText(file);
    const loaded = loadTraceText(file, text);
    if (!loaded.ok) throw new Error(loaded.error.message);
    const expected = loaded.file.traces.map((trace) => buildSearchText(trace));
    expect(await searchTextsFromWorkerCopy(file, text)).toEqual(expected);
  });
});
