// Jaeger references → the tree parent plus links. The parent is the first CHILD_OF reference
// into the span's own trace; failing that the first FOLLOWS_FROM into it (Jaeger UI builds its
// tree the same way). Every other reference, including ones into other traces, stays a link,
// and so does a FOLLOWS_FROM parent: analysis needs to know that the parent did not wait for it.
import { NO_ATTRIBUTES, NO_LINKS } from '../model/shared-values.ts';
import type { LinkRelation, SpanLink } from '../model/trace.ts';
import { resolvePath, type PathRef, type WarnFn } from './jaeger-tags.ts';
import { isAllZeroId } from './ids.ts';
import { isObject, jsonText } from './json.ts';

export interface ReferenceResult {
  parentSpanId: string | undefined;
  links: readonly SpanLink[];
}

/**
 * Reads `span.references` into `out` (reused across spans to spare an allocation per span).
 * `traceId` is the span's normalized trace id; `normalizeTraceId` normalizes a written one.
 */
export function readReferences(
  written: unknown,
  spanPath: PathRef,
  traceId: string,
  normalizeTraceId: (written: string) => string,
  normalizeSpanId: (written: string) => string,
  warn: WarnFn,
  out: ReferenceResult,
): ReferenceResult {
  out.parentSpanId = undefined;
  out.links = NO_LINKS;
  if (written === undefined || written === null) return out;
  if (!Array.isArray(written)) {
    warn('invalid-value', 'references is not an array; ignored', `${resolvePath(spanPath)}.references`);
    return out;
  }
  if (written.length === 0) return out;
  if (written.length === 1 && readLoneParent(written[0], traceId, normalizeTraceId, normalizeSpanId, out)) return out;

  const references: SpanLink[] = [];
  let firstChildOf = -1;
  let firstFollowsFrom = -1;
  for (let i = 0; i < written.length; i++) {
    const reference: unknown = written[i];
    if (!isObject(reference)) {
      warn('invalid-value', 'reference is not an object; ignored', `${resolvePath(spanPath)}.references[${i}]`);
      continue;
    }
    const spanId = reference.spanID;
    if (typeof spanId !== 'string' || spanId.trim() === '') {
      warn('invalid-id', 'reference has no spanID; ignored', `${resolvePath(spanPath)}.references[${i}].spanID`);
      continue;
    }
    // Span 0 means "no parent" to some writers (as parentSpanID 0 did): nothing to refer to.
    if (isAllZeroId(spanId.trim())) continue;
    const relation = relationOf(reference.refType, spanPath, i, warn);
    const referencedTrace = reference.traceID;
    let linkTraceId = traceId;
    if (typeof referencedTrace === 'string' && referencedTrace.trim() !== '') {
      linkTraceId = normalizeTraceId(referencedTrace);
    } else {
      warn(
        'missing-field',
        "reference has no traceID; taken to be the span's own trace",
        `${resolvePath(spanPath)}.references[${i}].traceID`,
      );
    }
    if (linkTraceId === traceId) {
      if (relation === 'child_of' && firstChildOf < 0) firstChildOf = references.length;
      else if (relation === 'follows_from' && firstFollowsFrom < 0) firstFollowsFrom = references.length;
    }
    references.push({ traceId: linkTraceId, spanId: normalizeSpanId(spanId), relation, attributes: NO_ATTRIBUTES });
  }

  const parent = firstChildOf >= 0 ? firstChildOf : firstFollowsFrom;
  if (parent >= 0) {
    out.parentSpanId = references[parent].spanId;
    if (references[parent].relation === 'child_of') references.splice(parent, 1);
  }
  if (references.length > 0) out.links = references;
  return out;
}

/**
 * The usual case, one well-formed CHILD_OF reference into the span's own trace, read without
 * building the links list that the general case makes and then empties. False for anything else.
 */
function readLoneParent(
  reference: unknown,
  traceId: string,
  normalizeTraceId: (written: string) => string,
  normalizeSpanId: (written: string) => string,
  out: ReferenceResult,
): boolean {
  if (!isObject(reference)) return false;
  const { refType, spanID, traceID } = reference;
  if (refType !== 'CHILD_OF' && refType !== undefined) return false;
  if (typeof spanID !== 'string' || spanID.trim() === '') return false;
  if (typeof traceID !== 'string' || traceID.trim() === '' || normalizeTraceId(traceID) !== traceId) return false;
  // A reference to span 0 is how some writers say "no parent": quietly none.
  out.parentSpanId = isAllZeroId(spanID.trim()) ? undefined : normalizeSpanId(spanID);
  return true;
}

function relationOf(refType: unknown, spanPath: PathRef, index: number, warn: WarnFn): LinkRelation {
  switch (refType) {
    case 'CHILD_OF':
    // Protobuf JSON leaves out an enum at its default, which for refType is CHILD_OF.
    case undefined:
      return 'child_of';
    case 'FOLLOWS_FROM':
      return 'follows_from';
    default: {
      if (typeof refType === 'string') {
        const upper = refType.trim().toUpperCase();
        if (upper === 'CHILD_OF') return 'child_of';
        if (upper === 'FOLLOWS_FROM') return 'follows_from';
      }
      const path = `${resolvePath(spanPath)}.references[${index}].refType`;
      warn(
        'invalid-value',
        `refType ${jsonText(refType)} is neither CHILD_OF nor FOLLOWS_FROM; kept as a plain link`,
        path,
      );
      return 'link';
    }
  }
}
