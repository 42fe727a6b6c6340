// The attribute keys present in a trace, for choosing an attribute to group statistics by.
import type { Trace } from '../model/trace.ts';
import { compareLabels } from './statistics.ts';

/**
 * Distinct keys of span and resource attributes (statistics group by either), sorted as people
 * read them. Resources are shared by many spans, so each resource object is read once.
 */
export function attributeKeys(trace: Trace): string[] {
  const keys = new Set<string>();
  const seenResources = new Set<object>();
  for (const span of trace.spans) {
    for (const a of span.attributes) keys.add(a.key);
    if (seenResources.has(span.resource)) continue;
    seenResources.add(span.resource);
    for (const a of span.resource.attributes) keys.add(a.key);
  }
  return [...keys].sort(compareLabels);
}
