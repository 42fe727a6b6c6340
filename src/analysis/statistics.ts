// Per-group span statistics (by service, service+operation or attribute value) for the
// "where did the time go" table.
import type { Attribute, AttributeValue, Span, Trace } from '../model/trace.ts';
import { attributeValueText } from './attribute-text.ts';
import { spanLengthNs } from './self-time.ts';

export type StatGroupBy =
  | { readonly kind: 'service' }
  | { readonly kind: 'operation' }
  | { readonly kind: 'attribute'; readonly key: string };

export interface StatRow {
  /** Identifies the group (stable across calls); not meant for display. */
  readonly key: string;
  readonly label: string;
  /** Members in tree preorder. */
  readonly spanIndexes: number[];
  readonly count: number;
  /** Sum of durations. */
  readonly totalNs: number;
  readonly selfTotalNs: number;
  readonly avgNs: number;
  /** Duration percentiles by nearest rank: the smallest duration with at least p% of the group at or below it. */
  readonly p50Ns: number;
  readonly p95Ns: number;
  readonly maxNs: number;
  readonly errorCount: number;
  /**
   * selfTotalNs as a fraction of the trace duration: the part of the trace spent in this group's
   * own work. Parallel work can make the shares of all groups add up to more than 1.
   */
  readonly share: number;
}

export type StatColumn = Exclude<keyof StatRow, 'key' | 'spanIndexes'>;
export type SortDirection = 'asc' | 'desc';

export interface GroupName {
  readonly key: string;
  readonly label: string;
}

/** The group of spans that lack the attribute; its key cannot be an attribute value's text. */
export const NO_VALUE_GROUP: GroupName = { key: '\u0000none', label: '(none)' };

export function operationGroup(serviceName: string, operationName: string): GroupName {
  return { key: `${serviceName}\u0000${operationName}`, label: `${serviceName}: ${operationName}` };
}

const labelCollator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Orders labels as people read them (case-insensitive, numbers by value). */
export function compareLabels(a: string, b: string): number {
  return labelCollator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

function findAttribute(attributes: readonly Attribute[], key: string): AttributeValue | undefined {
  for (const a of attributes) if (a.key === key) return a.value;
  return undefined;
}

interface Group {
  readonly name: GroupName;
  readonly members: number[];
}

function attributeGroupName(span: Span, key: string): GroupName {
  const value = findAttribute(span.attributes, key) ?? findAttribute(span.resource.attributes, key);
  if (value === undefined) return NO_VALUE_GROUP;
  const text = attributeValueText(value);
  return { key: text, label: text };
}

/**
 * Returns the group of each span, creating groups in first-seen order. Service and operation
 * groups are found through the span's own strings, so no key is built per span.
 * Grouping by attribute looks at the span's attributes, then its resource's (so host or pod
 * attributes work too). Spans without the key form the "(none)" group rather than vanishing,
 * so the table always accounts for every span.
 */
function groupFinder(groupBy: StatGroupBy, groups: Group[]): (span: Span) => Group {
  const create = (name: GroupName): Group => {
    const group: Group = { name, members: [] };
    groups.push(group);
    return group;
  };
  switch (groupBy.kind) {
    case 'service': {
      const byService = new Map<string, Group>();
      return (span) => {
        let group = byService.get(span.serviceName);
        if (group === undefined) {
          group = create({ key: span.serviceName, label: span.serviceName });
          byService.set(span.serviceName, group);
        }
        return group;
      };
    }
    case 'operation': {
      const byService = new Map<string, Map<string, Group>>();
      return (span) => {
        let byName = byService.get(span.serviceName);
        if (byName === undefined) {
          byName = new Map();
          byService.set(span.serviceName, byName);
        }
        let group = byName.get(span.name);
        if (group === undefined) {
          group = create(operationGroup(span.serviceName, span.name));
          byName.set(span.name, group);
        }
        return group;
      };
    }
    case 'attribute': {
      const byKey = new Map<string, Group>();
      return (span) => {
        const name = attributeGroupName(span, groupBy.key);
        let group = byKey.get(name.key);
        if (group === undefined) {
          group = create(name);
          byKey.set(name.key, group);
        }
        return group;
      };
    }
  }
}

/** Nearest rank: the value at 1-based rank ceil(p/100 · count), as a 0-based position. */
function nearestRankPosition(count: number, percent: number): number {
  return Math.max(0, Math.ceil((percent / 100) * count) - 1);
}

/**
 * Moves the k-th smallest of values[lo..hi] to position k, smaller ones before it and larger
 * ones after, and returns it. Quickselect (median-of-three, O(n) expected) is several times
 * faster than sorting big groups; a bad run of pivots falls back to sorting the rest.
 */
function selectKth(values: Float64Array, k: number, from: number, to: number): number {
  let lo = from;
  let hi = to;
  let budget = 2 * Math.ceil(Math.log2(to - from + 2)) + 8;
  const swap = (a: number, b: number): void => {
    const t = values[a];
    values[a] = values[b];
    values[b] = t;
  };
  while (hi > lo) {
    if (budget-- === 0) {
      values.subarray(lo, hi + 1).sort();
      return values[k];
    }
    const mid = (lo + hi) >> 1;
    if (values[mid] < values[lo]) swap(mid, lo);
    if (values[hi] < values[lo]) swap(hi, lo);
    if (values[hi] < values[mid]) swap(hi, mid);
    const pivot = values[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) swap(i++, j--);
    }
    // Now values[lo..j] <= pivot <= values[i..hi], and anything between equals the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k];
  }
  return values[k];
}

/** One row per group, largest self total first (ties by label). */
export function groupStatistics(trace: Trace, selfNs: Float64Array, groupBy: StatGroupBy): StatRow[] {
  const { spans, tree } = trace;
  const groups: Group[] = [];
  const groupOf = groupFinder(groupBy, groups);
  for (let k = 0; k < tree.preorder.length; k++) {
    const i = tree.preorder[k];
    groupOf(spans[i]).members.push(i);
  }

  const traceNs = trace.durationNs;
  const rows: StatRow[] = [];
  for (const { name, members } of groups) {
    const durations = new Float64Array(members.length);
    let totalNs = 0;
    let selfTotalNs = 0;
    let errorCount = 0;
    let maxNs = 0;
    for (let m = 0; m < members.length; m++) {
      const span = spans[members[m]];
      const d = spanLengthNs(span.durationNs);
      durations[m] = d;
      totalNs += d;
      if (d > maxNs) maxNs = d;
      selfTotalNs += selfNs[members[m]];
      if (span.status.code === 'error') errorCount++;
    }
    const at95 = nearestRankPosition(members.length, 95);
    const p95Ns = selectKth(durations, at95, 0, members.length - 1);
    // Selecting p95 left every smaller value before it, so p50 is found among those.
    const p50Ns = selectKth(durations, nearestRankPosition(members.length, 50), 0, at95);
    rows.push({
      key: name.key,
      label: name.label,
      spanIndexes: members,
      count: members.length,
      totalNs,
      selfTotalNs,
      avgNs: totalNs / members.length,
      p50Ns,
      p95Ns,
      maxNs,
      errorCount,
      share: traceNs > 0 ? selfTotalNs / traceNs : 0,
    });
  }
  return sortStatistics(rows, 'selfTotalNs', 'desc');
}

/** A sorted copy; equal values keep a fixed order by label, whatever the direction. */
export function sortStatistics(rows: readonly StatRow[], column: StatColumn, direction: SortDirection): StatRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  const byLabel = (a: StatRow, b: StatRow): number => compareLabels(a.label, b.label) || compareLabels(a.key, b.key);
  if (column === 'label') return [...rows].sort((a, b) => sign * byLabel(a, b));
  return [...rows].sort((a, b) => sign * (a[column] - b[column]) || byLabel(a, b));
}
