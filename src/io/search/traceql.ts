// Writes TraceQL from the builder's fields, so that a Tempo search needs no TraceQL knowledge.

export const SPAN_STATUSES = ['any', 'error', 'ok', 'unset'] as const;
export type SpanStatus = (typeof SPAN_STATUSES)[number];

export interface TraceQlFields {
  readonly service: string;
  readonly spanName: string;
  readonly status: SpanStatus;
  /** Go duration strings (already checked), or empty. */
  readonly minDuration: string;
  readonly maxDuration: string;
}

/** A TraceQL string literal: backslashes and quotes escaped. */
export function traceQlString(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** `{ resource.service.name = "api" && name = "GET /" && status = error && duration > 500ms }`, or `{}` for all. */
export function buildTraceQl(fields: TraceQlFields): string {
  const conditions: string[] = [];
  if (fields.service.trim() !== '') conditions.push(`resource.service.name = ${traceQlString(fields.service.trim())}`);
  if (fields.spanName.trim() !== '') conditions.push(`name = ${traceQlString(fields.spanName.trim())}`);
  if (fields.status !== 'any') conditions.push(`status = ${fields.status}`);
  if (fields.minDuration.trim() !== '') conditions.push(`duration >= ${fields.minDuration.trim()}`);
  if (fields.maxDuration.trim() !== '') conditions.push(`duration <= ${fields.maxDuration.trim()}`);
  return conditions.length === 0 ? '{}' : `{ ${conditions.join(' && ')} }`;
}
