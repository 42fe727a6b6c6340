// Entry of `npm run bench`. Every figure is printed beside a baseline measured in the same run,
// because absolute times on shared machines mean little. `npm run bench -- parse` runs one part.
import { benchAnalysis } from './analysis.ts';
import { benchParse } from './parse-bench.ts';

const report = (line: string) => console.log(line);

export async function main(args: readonly string[]): Promise<void> {
  const only = new Set(args);
  const wanted = (name: string) => only.size === 0 || only.has(name);
  if (wanted('parse')) benchParse(report, [10_000, 100_000]);
  if (wanted('analysis')) await benchAnalysis(report);
}
