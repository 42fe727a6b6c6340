// The structure of a generated trace: who calls whom, when, and which spans carry errors,
// events or links. It is kept in typed arrays (about 30 bytes a span) so that a million-span
// trace fits easily in memory; names and attributes are derived per span only when a writer
// emits it (see detail.ts).
import { CONSUMERS_OF, SERVICES } from './catalog.ts';
import { mix32, Prng } from './prng.ts';

export const ROLE_INTERNAL = 0;
export const ROLE_SERVER = 1;
export const ROLE_CLIENT = 2;
export const ROLE_PRODUCER = 3;
export const ROLE_CONSUMER = 4;
/** A database or cache call: a client span that never has children. */
export const ROLE_STORE = 5;

export const FLAG_ERROR = 1;
export const FLAG_EVENTS = 2;
export const FLAG_LINK = 4;
/** A server span that Zipkin writes with its client's id (a shared span). */
export const FLAG_SHARED = 8;
export const FLAG_BIG_INT = 16;

/** Root depth is 0; no span is deeper than this. */
export const MAX_DEPTH = 12;

export interface TraceShape {
  readonly seed: number;
  readonly count: number;
  /** Index of the parent span, -1 for the root. Parents always come before their children. */
  readonly parent: Int32Array;
  readonly depth: Uint8Array;
  /** Index into SERVICES of the service that recorded the span. */
  readonly service: Uint8Array;
  readonly role: Uint8Array;
  /**
   * What the span does, as an index into a list of its service (internal: work, store: queries,
   * consumer: consumes) or of its peer's (server, client: the callee's endpoints; producer: publishes).
   */
  readonly detail: Uint16Array;
  /** The service at the other end: callee for clients, caller for servers, the other side for messaging. */
  readonly peer: Uint8Array;
  /** Microseconds since the trace start. */
  readonly startUs: Float64Array;
  readonly durationUs: Float64Array;
  readonly flags: Uint8Array;
}

const ENTRY_SERVICE = 0;
const ROOT_DURATION_US = 20_000_000;

// Per-span probabilities, chosen to match the shape the benchmarks want to exercise.
const P_ERROR = 0.01;
const P_EVENTS = 0.19;
const P_LINK = 0.02;
const P_SHARED = 0.5;
const P_BIG_INT = 0.015;
const P_BURST = 0.002;

type ChildKind = 'call' | 'publish' | 'work' | 'store';

class ShapeBuilder {
  readonly rng: Prng;
  readonly shape: TraceShape;
  /** Where the next sequential child of each span starts. */
  private readonly cursor: Float64Array;
  /** Spans that may still take children, for picking a parent anywhere in the trace. */
  private readonly open: Int32Array;
  private openCount = 0;
  private next = 0;

  constructor(count: number, seed: number) {
    this.rng = new Prng(mix32(seed, 0x5ba9e));
    this.cursor = new Float64Array(count);
    this.open = new Int32Array(count);
    this.shape = {
      seed,
      count,
      parent: new Int32Array(count),
      depth: new Uint8Array(count),
      service: new Uint8Array(count),
      role: new Uint8Array(count),
      detail: new Uint16Array(count),
      peer: new Uint8Array(count),
      startUs: new Float64Array(count),
      durationUs: new Float64Array(count),
      flags: new Uint8Array(count),
    };
  }

  get size(): number {
    return this.next;
  }

  canParent(index: number): boolean {
    const role = this.shape.role[index];
    return (
      (role === ROLE_INTERNAL || role === ROLE_SERVER || role === ROLE_CONSUMER) && this.shape.depth[index] < MAX_DEPTH
    );
  }

  add(
    parent: number,
    service: number,
    role: number,
    detail: number,
    peer: number,
    startUs: number,
    durationUs: number,
  ): number {
    const s = this.shape;
    const index = this.next++;
    s.parent[index] = parent;
    s.depth[index] = parent < 0 ? 0 : s.depth[parent] + 1;
    s.service[index] = service;
    s.role[index] = role;
    s.detail[index] = detail;
    s.peer[index] = peer;
    s.startUs[index] = startUs;
    s.durationUs[index] = durationUs;
    const rng = this.rng;
    let flags = 0;
    if (rng.chance(P_ERROR)) flags |= FLAG_ERROR | FLAG_EVENTS;
    else if (rng.chance(P_EVENTS)) flags |= FLAG_EVENTS;
    if (index > 0 && rng.chance(P_LINK)) flags |= FLAG_LINK;
    if (rng.chance(P_BIG_INT)) flags |= FLAG_BIG_INT;
    if (role === ROLE_SERVER && parent >= 0 && rng.chance(P_SHARED)) flags |= FLAG_SHARED;
    s.flags[index] = flags;
    this.cursor[index] = startUs;
    if (this.canParent(index)) this.open[this.openCount++] = index;
    return index;
  }

  randomOpen(): number {
    return this.open[this.rng.int(this.openCount)];
  }

  /**
   * A time slot for a new child. Sequential children follow each other; when the parent's
   * time is used up a new lane starts (concurrent work). Parallel children (fan-out) start
   * together and overlap.
   */
  slot(parent: number, parallel: boolean): { start: number; duration: number } {
    const s = this.shape;
    const rng = this.rng;
    const parentStart = s.startUs[parent];
    const parentEnd = parentStart + s.durationUs[parent];
    const length = parentEnd - parentStart;
    let from = this.cursor[parent];
    if (parentEnd - from < 0.08 * length) from = parentStart + Math.floor(rng.float() * 0.3 * length);
    const start = from + Math.floor(rng.float() * (parallel ? 0.1 : 0.05) * (parentEnd - from));
    const room = parentEnd - start;
    const duration = Math.floor((parallel ? 0.2 + 0.6 * rng.float() : 0.2 + 0.5 * rng.float()) * room);
    if (!parallel) this.cursor[parent] = start + duration;
    return { start, duration };
  }
}

/** Picks the parent of the next span: mostly near the last one, sometimes in a burst of siblings. */
class ParentPicker {
  private last = 0;
  private burstParent = -1;
  private burstLeft = 0;
  /** What every child of the current burst does (an N+1 query loop, a fan-out of calls...). */
  burstKind: ChildKind | undefined;
  burstDetail = 0;

  private readonly builder: ShapeBuilder;

  constructor(builder: ShapeBuilder) {
    this.builder = builder;
  }

  noteAdded(index: number): void {
    if (this.builder.canParent(index)) this.last = index;
  }

  pick(): { parent: number; burst: boolean } {
    const b = this.builder;
    const rng = b.rng;
    if (this.burstLeft > 0 && b.canParent(this.burstParent)) {
      this.burstLeft--;
      return { parent: this.burstParent, burst: true };
    }
    this.burstKind = undefined;
    const r = rng.float();
    if (r < P_BURST) {
      this.burstParent = this.last;
      this.burstLeft = rng.between(8, 150);
      this.burstKind = rng.pick<ChildKind>(['store', 'store', 'call', 'work']);
      this.burstDetail = rng.int(64);
      return { parent: this.last, burst: true };
    }
    if (r < 0.5) return { parent: this.last, burst: false };
    if (r < 0.85) {
      // Back up a few levels, as a handler does when a nested call returns; not above a
      // varying floor, so that the root keeps a handful of children and no one span below it
      // collects every return.
      const { parent, depth } = b.shape;
      const floor = rng.between(1, 3);
      let p = this.last;
      for (let steps = rng.between(1, 4); steps > 0 && depth[p] > floor; steps--) p = parent[p];
      while (!b.canParent(p)) p = parent[p];
      return { parent: p, burst: false };
    }
    return { parent: b.randomOpen(), burst: false };
  }
}

/** A service other than `own` to call; the entry service is never called back. */
function otherService(rng: Prng, own: number): number {
  if (own === ENTRY_SERVICE) return 1 + rng.int(SERVICES.length - 1);
  const pick = 1 + rng.int(SERVICES.length - 2);
  return pick >= own ? pick + 1 : pick;
}

/** The callee of every call in a burst: fixed by the burst, but never the caller itself. */
function burstCallee(burstDetail: number, own: number): number {
  const callee = 1 + (burstDetail % (SERVICES.length - 1));
  return callee === own ? 1 + (callee % (SERVICES.length - 1)) : callee;
}

function chooseKind(rng: Prng, roomForPair: boolean, canPublish: boolean): ChildKind {
  const r = rng.float();
  if (roomForPair && r < 0.34) return 'call';
  if (roomForPair && canPublish && r < 0.4) return 'publish';
  return r < 0.68 ? 'work' : 'store';
}

/** Builds the structure of a trace of exactly `count` spans. */
export function buildShape(count: number, seed: number): TraceShape {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`span count must be a positive integer, got ${count}`);
  const b = new ShapeBuilder(count, seed);
  const rng = b.rng;
  const s = b.shape;
  const root = SERVICES[ENTRY_SERVICE];
  b.add(
    -1,
    ENTRY_SERVICE,
    ROLE_SERVER,
    rng.int(root.endpoints.length),
    ENTRY_SERVICE,
    0,
    ROOT_DURATION_US + rng.int(10_000_000),
  );

  const picker = new ParentPicker(b);
  while (b.size < count) {
    const { parent, burst } = picker.pick();
    const service = s.service[parent];
    const own = SERVICES[service];
    const roomForPair = count - b.size >= 2 && s.depth[parent] + 2 <= MAX_DEPTH;
    let kind = burst && picker.burstKind ? picker.burstKind : chooseKind(rng, roomForPair, own.publishes.length > 0);
    if (kind === 'call' && !roomForPair) kind = 'work';
    const { start, duration } = b.slot(parent, burst);

    if (kind === 'call') {
      const callee = burst ? burstCallee(picker.burstDetail, service) : otherService(rng, service);
      const endpoints = SERVICES[callee].endpoints;
      const endpoint = burst ? picker.burstDetail % endpoints.length : rng.int(endpoints.length);
      const client = b.add(parent, service, ROLE_CLIENT, endpoint, callee, start, duration);
      // The server sees the request a little after the client sends it, and answers a little before it arrives.
      const network = Math.min(Math.floor(duration * 0.04), 800);
      picker.noteAdded(b.add(client, callee, ROLE_SERVER, endpoint, service, start + network, duration - 2 * network));
    } else if (kind === 'publish') {
      const topicIndex = rng.int(own.publishes.length);
      const topic = own.publishes[topicIndex];
      const consumers = CONSUMERS_OF.get(topic) ?? [];
      const consumer = consumers.length > 0 ? rng.pick(consumers) : service;
      const sendUs = Math.max(1, Math.floor(duration * 0.05));
      const producer = b.add(parent, service, ROLE_PRODUCER, topicIndex, consumer, start, sendUs);
      // The consumer polls the message later, possibly after the producing request has finished.
      const consumedAt = start + sendUs + rng.between(200, 20_000);
      const consumerDuration = 50 + Math.floor((0.1 + 0.4 * rng.float()) * s.durationUs[parent]);
      const consumed = SERVICES[consumer].consumes.indexOf(topic);
      picker.noteAdded(
        b.add(producer, consumer, ROLE_CONSUMER, Math.max(0, consumed), service, consumedAt, consumerDuration),
      );
    } else if (kind === 'work') {
      const detail = burst ? picker.burstDetail % own.work.length : rng.int(own.work.length);
      picker.noteAdded(b.add(parent, service, ROLE_INTERNAL, detail, service, start, duration));
    } else {
      const detail = burst ? picker.burstDetail % own.queries.length : rng.int(own.queries.length);
      b.add(parent, service, ROLE_STORE, detail, service, start, duration);
    }
  }
  return s;
}
