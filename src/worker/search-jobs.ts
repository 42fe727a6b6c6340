// Search text for the traces the worker has just posted, built while the worker is otherwise
// idle. The page would otherwise build it on the first keystroke in the search box, which takes
// about half a second at 100,000 spans; here it costs the page nothing but taking it in.
// It is read from a copy of the packed columns, not from the parsed spans: those hold every
// attribute as parsed (about four times the packed size), and are let go as soon as packed.
import { SearchTextBuilder, type SearchText } from '../analysis/search.ts';
import type { PackedSpans, PackedTrace } from './packed-trace.ts';
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

const copyOf = <T extends { slice(): T }>(column: T): T => column.slice();

/** The buffers of a search source, which can move to another worker without a copy. */
export function searchSourceBuffers(source: SearchSource): ArrayBuffer[] {
  const p = source.packed;
  const columns = [
    p.startNs,
    p.durationNs,
    p.nameWord,
    p.serviceWord,
    p.kind,
    p.statusCode,
    p.flags,
    p.resource,
    p.scope,
    p.detailStart,
    p.textStart,
    p.detail,
    p.numbers,
  ];
  return columns.map((c) => c.buffer as ArrayBuffer);
}

/** A copy of the columns that move to the page with a trace (taken before they move). */
export function keepForSearch(trace: PackedTrace): SearchSource {
  const p = trace.packed;
  return {
    traceId: trace.traceId,
    packed: {
      ...p,
      startNs: copyOf(p.startNs),
      durationNs: copyOf(p.durationNs),
      nameWord: copyOf(p.nameWord),
      serviceWord: copyOf(p.serviceWord),
      kind: copyOf(p.kind),
      statusCode: copyOf(p.statusCode),
      flags: copyOf(p.flags),
      resource: copyOf(p.resource),
      scope: copyOf(p.scope),
      detailStart: copyOf(p.detailStart),
      textStart: copyOf(p.textStart),
      detail: copyOf(p.detail),
      numbers: copyOf(p.numbers),
    },
  };
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
