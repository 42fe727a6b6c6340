// A trace's GenAI story in one line, for a list of traces: its session, its main model, its
// tokens (each model call once) and the start of the first thing a model was asked.
import type { Trace } from '../model/trace.ts';
import { genAiSummary, mayHaveGenAi, mayUseWord } from './genai.ts';
import { genAiKindOf } from './genai-kind.ts';
import { readGenAiSpan, SESSION_KEYS, sessionIdOf } from './genai-span.ts';

export interface GenAiOverview {
  readonly sessionId?: string;
  /** The model with the most time in calls. */
  readonly model?: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** The first user input of the first model call, cut to PREVIEW_CHARS. */
  readonly preview?: string;
}

const PREVIEW_CHARS = 120;
/** A list reads every span of each trace it shows; beyond this size a trace is left to its own views. */
const OVERVIEW_MAX_SPANS = 20_000;
const overviews = new WeakMap<Trace, GenAiOverview | null>();

function firstInput(trace: Trace): string | undefined {
  for (const i of trace.tree.preorder) {
    const span = trace.spans[i];
    if (genAiKindOf(span.attributes) !== 'llm') continue;
    const genai = readGenAiSpan(span);
    const turn = genai?.input.find((m) => m.role !== 'system' && m.content.trim() !== '') ?? genai?.input[0];
    if (turn === undefined) continue;
    const text = turn.content.replace(/\s+/g, ' ').trim();
    return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
  }
  return undefined;
}

/** The trace's GenAI overview, or undefined when it has no GenAI spans and no session. */
export function genAiOverview(trace: Trace): GenAiOverview | undefined {
  const known = overviews.get(trace);
  if (known !== undefined) return known ?? undefined;
  let overview: GenAiOverview | null = null;
  if (trace.spans.length <= OVERVIEW_MAX_SPANS) {
    let sessionId: string | undefined;
    // Reading every span's attributes for a key the trace surely lacks would cost a list of
    // plain traces a decode of all their spans.
    if (mayUseWord(trace, (w) => SESSION_KEYS.includes(w)))
      for (const i of trace.tree.preorder) {
        sessionId = sessionIdOf(trace.spans[i].attributes);
        if (sessionId !== undefined) break;
      }
    const summary = mayHaveGenAi(trace) ? genAiSummary(trace, []) : undefined;
    if (summary !== undefined || sessionId !== undefined) {
      const model = summary?.models.find((m) => m.model !== 'model not named')?.model;
      const preview = summary !== undefined && summary.calls > 0 ? firstInput(trace) : undefined;
      overview = {
        ...(sessionId !== undefined && { sessionId }),
        ...(model !== undefined && { model }),
        inputTokens: summary?.inputTokens ?? 0,
        outputTokens: summary?.outputTokens ?? 0,
        ...(preview !== undefined && { preview }),
      };
    }
  }
  overviews.set(trace, overview);
  return overview ?? undefined;
}
