// Jaeger processes (service name + process tags) become model Resources. A trace names them
// once in its processes map and spans point at them by processID; other writers repeat the
// process inline in every span. Either way each distinct process becomes one Resource object
// shared by its spans, so that 100,000 spans do not carry 100,000 copies.
import type { Resource } from '../model/trace.ts';
import { readTagObject, readTypedTags, resolvePath, type PathRef, type WarnFn } from './jaeger-tags.ts';
import { isObject, jsonText, pathKey, type JsonObject } from './json.ts';

export const UNKNOWN_SERVICE = 'unknown';

const UNKNOWN_RESOURCE: Resource = { serviceName: UNKNOWN_SERVICE, attributes: [] };

/** One trace's processes map, with the Resources built from it so far. */
export interface ProcessTable {
  readonly processes: JsonObject | undefined;
  /** JSON path of the processes map. */
  readonly path: string;
  readonly byId: Map<string, Resource>;
}

export function processTable(processes: JsonObject | undefined, path: string): ProcessTable {
  return { processes, path, byId: new Map() };
}

export class ProcessResolver {
  /** Inline processes, keyed by their content: writers that inline them give no usable id. */
  private readonly inlineByContent = new Map<string, Resource>();

  constructor(private readonly warnDocument: WarnFn) {}

  /**
   * The Resource of a span from its processID and process as written; `warnSpan` reports
   * problems that belong to this span alone.
   */
  resolve(processId: unknown, inline: unknown, spanPath: PathRef, table: ProcessTable, warnSpan: WarnFn): Resource {
    if (typeof processId === 'string' && table.processes !== undefined) {
      const known = table.byId.get(processId);
      if (known !== undefined) return known;
      const entry = Object.hasOwn(table.processes, processId) ? table.processes[processId] : undefined;
      if (isObject(entry)) {
        const resource = resourceOf(entry, pathKey(table.path, processId), this.warnDocument);
        table.byId.set(processId, resource);
        return resource;
      }
    }
    if (isObject(inline)) return this.inlineResource(inline, `${resolvePath(spanPath)}.process`, warnSpan);
    if (inline !== undefined && inline !== null) {
      warnSpan(
        'invalid-value',
        `process is not an object; service set to "${UNKNOWN_SERVICE}"`,
        `${resolvePath(spanPath)}.process`,
      );
    } else if (typeof processId === 'string') {
      warnSpan(
        'missing-field',
        `processID ${jsonText(processId)} is not in the trace's processes and the span has no process; service set to "${UNKNOWN_SERVICE}"`,
        `${resolvePath(spanPath)}.processID`,
      );
    } else {
      warnSpan(
        'missing-field',
        `span has no process or processID; service set to "${UNKNOWN_SERVICE}"`,
        resolvePath(spanPath),
      );
    }
    return UNKNOWN_RESOURCE;
  }

  private inlineResource(process: JsonObject, path: string, warnSpan: WarnFn): Resource {
    const key = contentKey(process);
    if (key === undefined) return resourceOf(process, path, warnSpan);
    const known = this.inlineByContent.get(key);
    if (known !== undefined) return known;
    const resource = resourceOf(process, path, warnSpan);
    this.inlineByContent.set(key, resource);
    return resource;
  }
}

function resourceOf(process: JsonObject, path: string, warn: WarnFn): Resource {
  const written = process.serviceName;
  let serviceName = UNKNOWN_SERVICE;
  if (typeof written === 'string' && written.trim() !== '') serviceName = written;
  else warn('missing-field', `process has no serviceName; service set to "${UNKNOWN_SERVICE}"`, `${path}.serviceName`);
  const tags = readTypedTags(process.tags, path, 'tags', warn);
  // Elasticsearch's tags-as-fields (see readTagObject).
  const tagObject = process.tag;
  return {
    serviceName,
    attributes:
      tagObject === undefined || tagObject === null ? tags : [...tags, ...readTagObject(tagObject, path, warn)],
  };
}

/**
 * A string that is equal for two processes exactly when they convert to equal Resources, or
 * undefined for shapes it cannot vouch for (those get a Resource of their own).
 */
function contentKey(process: JsonObject): string | undefined {
  const name = process.serviceName;
  let key = typeof name === 'string' ? `s${name}` : 'n';
  const tagObject = process.tag;
  if (tagObject !== undefined && tagObject !== null) {
    if (!isObject(tagObject)) return undefined;
    for (const field in tagObject) {
      const value = tagObject[field];
      if (value !== null && typeof value === 'object') return undefined;
      key += `\u0003${field}\u0002${typeof value}:${String(value)}`;
    }
  }
  const tags = process.tags;
  if (tags === undefined || tags === null) return key;
  if (!Array.isArray(tags)) return undefined;
  for (const tag of tags) {
    if (!isObject(tag)) return undefined;
    const { key: tagKey, type, value } = tag;
    if (typeof tagKey !== 'string' || (typeof type !== 'string' && type !== undefined)) return undefined;
    if (value !== null && typeof value === 'object') return undefined;
    // The value's JS type is part of the key: 1 and "1" may convert differently.
    key += `\u0001${tagKey}\u0002${type ?? ''}\u0002${typeof value}:${String(value)}`;
  }
  return key;
}
