// The backends the viewer's own server proxies (TRACE_PROXY), by name and base path; none when
// the page is served by anything else (a static host answers 404 or its index page).
export interface ConfiguredBackend {
  readonly name: string;
  /** /proxy/<name> */
  readonly base: string;
}

let asked: Promise<readonly ConfiguredBackend[]> | null = null;

async function ask(): Promise<readonly ConfiguredBackend[]> {
  try {
    const response = await fetch(`${import.meta.env.BASE_URL}trace-viewer-backends.json`, { cache: 'no-store' });
    if (!response.ok) return [];
    const doc: unknown = await response.json();
    if (typeof doc !== 'object' || doc === null || !('backends' in doc) || !Array.isArray(doc.backends)) return [];
    return doc.backends.flatMap((b: unknown) =>
      typeof b === 'object' &&
      b !== null &&
      'name' in b &&
      'base' in b &&
      typeof b.name === 'string' &&
      typeof b.base === 'string' &&
      b.base.startsWith('/proxy/')
        ? [{ name: b.name, base: b.base }]
        : [],
    );
  } catch {
    // Not JSON (a static host's index page) or no server at all: nothing is configured.
    return [];
  }
}

/** Asked once per page. */
export function configuredBackends(): Promise<readonly ConfiguredBackend[]> {
  asked ??= ask();
  return asked;
}
