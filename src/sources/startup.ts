// What opens when the page starts: the state the address describes (?url=, ?backend=&trace=,
// a #trace= carried in the link), else the bundled demo unless ?demo=0.
import { restoreAddress } from './url-state.ts';

export function startupLoad(search: string, hash: string): Promise<void> {
  return restoreAddress(search, hash);
}
