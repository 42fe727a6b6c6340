// Immutable values that many spans share, so that 100,000 spans without attributes, events,
// links or a status message do not each carry their own empty list or status object. Frozen:
// a shared value changed in one place would change it everywhere.
import type { Attribute, AttributeValue, SpanLink, SpanStatus, StatusCode } from './trace.ts';

export const NO_ATTRIBUTES: readonly Attribute[] = Object.freeze([]);
/** Typed `never` so that it serves as an empty list of events before and after their times are made relative. */
export const NO_EVENTS: readonly never[] = Object.freeze([]);
export const NO_LINKS: readonly SpanLink[] = Object.freeze([]);

export const EMPTY_VALUE: AttributeValue = Object.freeze({ type: 'empty' });
export const TRUE_VALUE: AttributeValue = Object.freeze({ type: 'bool', value: true });
export const FALSE_VALUE: AttributeValue = Object.freeze({ type: 'bool', value: false });

/** The status of each code without a message. */
export const STATUS_ONLY: Readonly<Record<StatusCode, SpanStatus>> = {
  unset: Object.freeze({ code: 'unset' }),
  ok: Object.freeze({ code: 'ok' }),
  error: Object.freeze({ code: 'error' }),
};
