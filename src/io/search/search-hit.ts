// One trace of a search answer as the results list shows it: whole traces (Jaeger, Zipkin)
// and Tempo's summaries both come down to this.

export interface ServiceSpans {
  readonly name: string;
  readonly spanCount: number;
  readonly errorCount: number | null;
}

export interface SearchHit {
  /** Lowercase hex. */
  readonly traceId: string;
  readonly rootService: string;
  readonly rootName: string;
  /** Decimal epoch nanoseconds, as the trace model keeps them. */
  readonly startEpochNs: string;
  readonly durationNs: number;
  /** null when the backend does not say. */
  readonly spanCount: number | null;
  readonly errorCount: number | null;
  /** Spans that matched the query (Tempo), null when not told. */
  readonly matchedSpans: number | null;
  readonly services: readonly ServiceSpans[];
}

/**
 * A trace id as the list and links show it: lowercase, and padded back to 16 or 32 digits when
 * the backend dropped leading zeros (Tempo's search does).
 */
export function normalizeHitId(id: string): string {
  const lower = id.trim().toLowerCase();
  if (!/^[0-9a-f]+$/.test(lower)) return lower;
  return lower.length <= 16 ? lower.padStart(16, '0') : lower.padStart(32, '0');
}
