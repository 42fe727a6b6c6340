// Search text for the traces the worker has just posted, built while the worker is otherwise
// idle. The page would otherwise build it on the first keystroke in the search box, which takes
// about half a second at 100,000 spans; here it costs the page nothing but taking it in.
// It is read from a copy of the packed columns, not from the parsed spans: those hold every
// attribute as parsed (about four times the packed size), and are let go as soon as packed.
import { SearchTextBuilder, type SearchText } from '../analysis/search.ts';
import { copySpanColumns, type PackedSpans, type PackedTrace } from './packed-trace.ts';
import { packedSpanSequence } from './unpack-trace.ts';

/** Spans per slice: a new file to parse waits at most about this long for the worker. */
const SPANS_PER_SLICE = 8192;

interface Job {
  readonly requestId: number;
  readonly traceIndex: number;
  readonly builder: SearchTextBuilder;
}

/** The spans of a posted trace, kept in the worker for its search text. */
export interface SearchSource {
  readonly traceId: string;
  readonly packed: PackedSpans;
}

/** A copy of the columns that move to the page with a trace (taken before they move). */
export function keepForSearch(trace: PackedTrace): SearchSource {
  return { traceId: trace.traceId, packed: copySpanColumns(trace.packed) };
}

export type SearchTextReady = (requestId: number, traceIndex: number, text: SearchText) => void;

export class SearchJobs {
  private readonly queue: Job[] = [];
  private running = false;

  constructor(
    private readonly ready: SearchTextReady,
    /** Lets other messages (a new file) run between slices. */
    private readonly yieldToMessages: () => Promise<void>,
  ) {}

  add(requestId: number, traces: readonly SearchSource[]): void {
    traces.forEach(({ traceId, packed }, traceIndex) => {
      this.queue.push({ requestId, traceIndex, builder: new SearchTextBuilder(packedSpanSequence(traceId, packed)) });
    });
    if (!this.running) void this.run();
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const job = this.queue[0];
        try {
          if (job.builder.add(SPANS_PER_SLICE)) {
            this.queue.shift();
            this.ready(job.requestId, job.traceIndex, job.builder.finish());
          }
        } catch {
          // The page builds the search text itself when none comes; a job that fails is dropped.
          this.queue.shift();
        }
        await this.yieldToMessages();
      }
    } finally {
      this.running = false;
    }
  }
}
