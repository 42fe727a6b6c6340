// Reads the made-up traces of warm-up-traces.ts the way a real file is read (decode, parse,
// normalize, pack, analyse), one small step per task so that a real file sent meanwhile waits
// for one step at most, and stops for good once one has come. The search text is not warmed: it
// is built after the rows are on screen, and warming it made the warm-up run into the first file.
import { descendantErrors } from '../analysis/subtree-errors.ts';
import { computeTraceAnalysis } from '../analysis/trace-analysis.ts';
import { packAnalysis } from './packed-analysis.ts';
import { packTrace } from './pack-trace.ts';
import { readTraceFile } from './read-file.ts';
import { warmUpFiles } from './warm-up-traces.ts';

/**
 * Spans per made-up file and rounds over the files: enough calls of the per-span code for the
 * engine to optimize it (measured: about halves the first file's read), little enough to be
 * done within a second or two of the page opening on a slow machine.
 */
const WARM_UP_SPANS = 400;
const WARM_UP_ROUNDS = 3;

export class WarmUp {
  private stopped = false;

  constructor(private readonly yieldToMessages: () => Promise<void>) {}

  /** Ends the warm-up after the step running now: a real file has come. */
  stop(): void {
    this.stopped = true;
  }

  async run(): Promise<void> {
    const files = warmUpFiles(WARM_UP_SPANS);
    for (let round = 0; round < WARM_UP_ROUNDS; round++) {
      for (const file of files) {
        await this.yieldToMessages();
        if (this.stopped) return;
        // A copy: reading may move or neuter what it is given, and the next round needs the bytes.
        const outcome = await readTraceFile(file.fileName, file.bytes.slice());
        if (!outcome.ok) throw new Error(`the warm-up trace ${file.fileName} did not read: ${outcome.error.message}`);
        for (const trace of outcome.file.traces) {
          await this.yieldToMessages();
          if (this.stopped) return;
          packTrace(trace);
          await this.yieldToMessages();
          if (this.stopped) return;
          packAnalysis(computeTraceAnalysis(trace), descendantErrors(trace));
        }
      }
    }
  }
}
