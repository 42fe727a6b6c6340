// `npm start` renders in React's StrictMode, which mounts, unmounts and mounts again: the
// flamegraph must still schedule and draw its first frame (it once stayed blank there).
import { render } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { useViewStore } from '../../../src/state/view-store.ts';
import { Flamegraph } from '../../../src/ui/flamegraph/Flamegraph.tsx';
import { makeTrace } from '../../helpers/make-trace.ts';

const pending = new Map<number, FrameRequestCallback>();
let nextFrame = 1;

beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(800);
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(400);
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => {
    pending.set(nextFrame, cb);
    return nextFrame++;
  });
  vi.stubGlobal('cancelAnimationFrame', (id: number) => pending.delete(id));
  useViewStore.setState({ view: 'flamegraph', zoom: null });
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  pending.clear();
});

it('draws its first frame under StrictMode', () => {
  const getContext = vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  const trace = makeTrace([
    { id: 'root', start: 0, dur: 100, service: 'api', name: 'GET /' },
    { id: 'child', parent: 'root', start: 10, dur: 50, service: 'db', name: 'query' },
  ]);
  render(
    <StrictMode>
      <Flamegraph trace={trace} />
    </StrictMode>,
  );
  const frames = [...pending.values()];
  pending.clear();
  for (const cb of frames) cb(performance.now());
  expect(getContext).toHaveBeenCalled();
});
