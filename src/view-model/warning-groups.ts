// Warnings that say the same thing about many spans (470 "ends after its parent" for one async
// pattern, one "trace id is neither hex nor base64" per span) become one group with a count,
// so that a rare warning stays in sight beside them.
import type { TraceWarning, WarningCode } from '../model/trace.ts';

export interface WarningGroup {
  readonly code: WarningCode;
  /** The first warning's message, which stands for the group. */
  readonly message: string;
  /** The warnings of the group, in their order. */
  readonly members: readonly TraceWarning[];
}

/**
 * What a message says with its particulars blanked out: quoted values, and words holding a
 * digit (ids, numbers, line numbers, durations). Two warnings alike but for those say the same.
 */
export function messageShape(message: string): string {
  // Word by word, so that the time stays linear in the message: messages quote trace data, and
  // a pattern that backtracks over a name of 100,000 characters would hang the page.
  return message.replace(/"(?:[^"\\]|\\.)*"/g, '"…"').replace(/[\w.:+-]+/g, (word) => (/\d/.test(word) ? '#' : word));
}

/** Groups warnings of the same code and message shape, in order of each group's first warning. */
export function groupWarnings(warnings: readonly TraceWarning[]): WarningGroup[] {
  const byKey = new Map<string, { code: WarningCode; message: string; members: TraceWarning[] }>();
  for (const warning of warnings) {
    const key = `${warning.code}\u0000${messageShape(warning.message)}`;
    const group = byKey.get(key);
    if (group) group.members.push(warning);
    else byKey.set(key, { code: warning.code, message: warning.message, members: [warning] });
  }
  return [...byKey.values()];
}
