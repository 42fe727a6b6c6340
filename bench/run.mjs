// `npm run bench`: loads the TypeScript benchmarks through Vite's module runner (no extra
// tooling) and runs them. Figures are printed as ratios to baselines measured in the same run.
import { runnerImport } from 'vite';

const { module } = await runnerImport('./bench/main.ts');
await module.main(process.argv.slice(2));
