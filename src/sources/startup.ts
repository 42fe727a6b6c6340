// What opens when the page starts: ?url=<file URL>, else the bundled demo unless ?demo=0.
import { loadInputs, urlInput } from './load-files.ts';

export function startupLoad(search: string, baseUrl: string): Promise<void> {
  const params = new URLSearchParams(search);
  const url = params.get('url');
  if (url) return loadInputs([urlInput(url)]);
  if (params.get('demo') === '0') return Promise.resolve();
  return loadInputs([urlInput(`${baseUrl}demo-trace.json`)]);
}
