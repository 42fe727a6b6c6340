// What opens when the page starts: the state the address describes (?url=, ?backend=&trace=,
// a #trace= carried in the link), else the bundled demo unless ?demo=0.
import { prepareParser } from '../loading/parse-client.ts';
import { restoreAddress } from './url-state.ts';

export function startupLoad(search: string, hash: string): Promise<void> {
  // Whatever opens, the worker will be wanted: for it, or for the first file the user drops.
  prepareParser();
  return restoreAddress(search, hash);
}
