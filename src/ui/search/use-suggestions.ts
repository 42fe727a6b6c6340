// Service and operation names (Jaeger, Zipkin) offered by the search fields, asked of the
// backend once per backend and service; a failed ask leaves the fields to be typed.
import { useEffect, useState } from 'react';
import type { BackendKind } from '../../io/backend-api.ts';
import { fetchOperations, fetchServices } from '../../loading/search-suggestions.ts';

/** Names `ask` resolves with, kept only while `key` (what was asked) is current. */
function useNames(key: string | null, ask: (signal: AbortSignal) => Promise<string[]>): string[] {
  const [answer, setAnswer] = useState<{ key: string; names: string[] } | null>(null);
  // `ask` is a new closure each render; `key` names everything it depends on.
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for ask's inputs
  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    ask(controller.signal).then(
      (names) => {
        if (!controller.signal.aborted) setAnswer({ key, names });
      },
      () => {},
    );
    return () => controller.abort();
  }, [key]);
  return answer !== null && answer.key === key ? answer.names : [];
}

export function useServices(api: BackendKind | null, base: string): string[] {
  const key = api === null || api === 'tempo' ? null : `${api}|${base}`;
  return useNames(key, (signal) => fetchServices(api ?? 'jaeger', base, signal));
}

export function useOperations(api: BackendKind | null, base: string, service: string): string[] {
  const key = api === null || api === 'tempo' || service.trim() === '' ? null : `${api}|${base}|${service.trim()}`;
  return useNames(key, (signal) => fetchOperations(api ?? 'jaeger', base, service, signal));
}
