import { describe, expect, it } from 'vitest';
import { parseDurationInput } from '../../../src/view-model/duration-input.ts';
import {
  DEFAULT_VIEW_PARAMS,
  exactDuration,
  formatQuery,
  readSource,
  readViewParams,
  writeSourceParams,
  writeViewParams,
  type ViewParamState,
} from '../../../src/address/url-params.ts';
import { VIEW_NAMES } from '../../../src/view-model/views.ts';

const FULL: ViewParamState = {
  view: 'flamegraph',
  span: { id: 'a3ce929d0e0e4736', nth: 2 },
  zoom: { startNs: 1200, endNs: 4_500_000 },
  search: 'GET /cart & checkout=1 #2 +x',
  matchesOnly: true,
  errorsOnly: true,
  criticalOnly: true,
  aiOnly: true,
  colorByKind: true,
  services: ['frontend', 'svc, with comma'],
  minDurationNs: 1_500_000,
  collapse: ['aa', 'bb'],
  expand: ['cc'],
};

function roundTrip(state: ViewParamState) {
  const params = new URLSearchParams();
  writeViewParams(state, params);
  // Through the address text, as a link is pasted and opened.
  return readViewParams(new URLSearchParams(formatQuery(params)), parseDurationInput);
}

describe('view parameters', () => {
  it('round-trip every part of the view state through the address text', () => {
    expect(roundTrip(FULL)).toEqual({ state: FULL, notices: [] });
  });

  it('round-trip every view of the registry, and name them all when the view is unknown', () => {
    for (const view of VIEW_NAMES) expect(roundTrip({ ...FULL, view }).state.view).toBe(view);
    const { state, notices } = readViewParams(new URLSearchParams('view=timeline'), parseDurationInput);
    expect(state.view).toBe(DEFAULT_VIEW_PARAMS.view);
    expect(notices).toEqual([`Unknown view "timeline" ignored (views: ${VIEW_NAMES.join(', ')}).`]);
  });

  it('write nothing for the default state, and read nothing back as the default', () => {
    const params = new URLSearchParams();
    writeViewParams(DEFAULT_VIEW_PARAMS, params);
    expect(params.toString()).toBe('');
    expect(readViewParams(new URLSearchParams(), parseDurationInput)).toEqual({
      state: DEFAULT_VIEW_PARAMS,
      notices: [],
    });
  });

  it('leave collapse state out past 50 span ids', () => {
    const many = Array.from({ length: 51 }, (_, i) => `s${i}`);
    const params = new URLSearchParams();
    writeViewParams({ ...DEFAULT_VIEW_PARAMS, collapse: many }, params);
    expect(params.has('collapse')).toBe(false);
    const fifty = new URLSearchParams();
    writeViewParams({ ...DEFAULT_VIEW_PARAMS, collapse: many.slice(0, 40), expand: many.slice(40, 50) }, fifty);
    expect(fifty.get('collapse')?.split(',')).toHaveLength(40);
  });

  it('ignore what cannot be read, each with a notice', () => {
    const { state, notices } = readViewParams(
      new URLSearchParams('view=graph&zoom=9-3&minDuration=soon&errors=maybe&utm_source=chat&span=ab&nth=0'),
      parseDurationInput,
    );
    expect(state.view).toBe('waterfall');
    expect(state.zoom).toBeNull();
    expect(state.minDurationNs).toBe(0);
    expect(state.errorsOnly).toBe(false);
    expect(state.span).toEqual({ id: 'ab', nth: 1 });
    expect(notices).toHaveLength(6);
    expect(notices.join('\n')).toMatch(/Unknown view "graph"/);
    expect(notices.join('\n')).toMatch(/Unknown link parameter "utm_source"/);
  });

  it('write durations exactly, in a unit a person reads', () => {
    expect(exactDuration(5_000_000)).toBe('5ms');
    expect(exactDuration(1_500_000)).toBe('1500us');
    expect(exactDuration(2e9)).toBe('2s');
    expect(exactDuration(250)).toBe('250ns');
    for (const ns of [5_000_000, 1_500_000, 2e9, 250, 1_234_567])
      expect(parseDurationInput(exactDuration(ns))).toBe(ns);
  });
});

describe('the address text', () => {
  it('keeps URLs readable and escapes what would change the meaning', () => {
    const params = new URLSearchParams();
    params.set('url', 'https://host:8080/a/b.json?x=1&y=2');
    params.set('search', 'a+b c#d');
    const text = formatQuery(params);
    expect(text).toBe('?url=https://host:8080/a/b.json%3Fx%3D1%26y%3D2&search=a%2Bb%20c%23d');
    expect(new URLSearchParams(text).get('url')).toBe('https://host:8080/a/b.json?x=1&y=2');
    expect(new URLSearchParams(text).get('search')).toBe('a+b c#d');
  });
});

describe('source parameters', () => {
  it('name a URL, a backend trace, or an embedded trace', () => {
    expect(readSource(new URLSearchParams('url=http://h/t.json'), '')).toEqual({ kind: 'url', url: 'http://h/t.json' });
    expect(readSource(new URLSearchParams('backend=http://j:16686&api=jaeger&trace=abc'), '')).toEqual({
      kind: 'backend',
      base: 'http://j:16686',
      api: 'jaeger',
      traceId: 'abc',
      tenant: '',
    });
    expect(readSource(new URLSearchParams('backend=/proxy/t&api=nope&trace=abc&tenant=team-a'), '')).toMatchObject({
      api: null,
      tenant: 'team-a',
    });
    expect(readSource(new URLSearchParams('span=1'), '#trace=AbC-_')).toEqual({ kind: 'embedded', fragment: 'AbC-_' });
    expect(readSource(new URLSearchParams('demo=0'), '')).toEqual({ kind: 'none' });
    expect(readSource(new URLSearchParams(''), '')).toEqual({ kind: 'demo' });
  });

  it('write back what they read', () => {
    for (const query of ['url=http://h/t.json', 'backend=http://j:16686&api=tempo&tenant=team-a&trace=abc']) {
      const params = new URLSearchParams();
      writeSourceParams(readSource(new URLSearchParams(query), ''), params);
      expect(params.toString()).toBe(new URLSearchParams(query).toString());
    }
    const local = new URLSearchParams();
    writeSourceParams({ kind: 'local', id: 1 }, local);
    expect(local.toString()).toBe('demo=0');
  });
});
