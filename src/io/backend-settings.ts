// The backend form's last values, remembered across visits.
import { isBackendKind, type BackendKind } from './backend-api.ts';

export interface BackendSettings {
  readonly base: string;
  readonly api: BackendKind | null;
  readonly tenant: string;
  /** Base URLs used before, newest first. */
  readonly recent: readonly string[];
}

const KEY = 'trace-viewer.backend';
const MAX_RECENT = 8;

const NO_BACKEND_SETTINGS: BackendSettings = { base: '', api: null, tenant: '', recent: [] };

export function loadBackendSettings(): BackendSettings {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return NO_BACKEND_SETTINGS;
    const r = raw as Record<string, unknown>;
    return {
      base: typeof r.base === 'string' ? r.base : '',
      api: typeof r.api === 'string' && isBackendKind(r.api) ? r.api : null,
      tenant: typeof r.tenant === 'string' ? r.tenant : '',
      recent: Array.isArray(r.recent)
        ? r.recent.filter((x): x is string => typeof x === 'string').slice(0, MAX_RECENT)
        : [],
    };
  } catch {
    return NO_BACKEND_SETTINGS;
  }
}

export function saveBackendSettings(settings: Omit<BackendSettings, 'recent'>): BackendSettings {
  const previous = loadBackendSettings();
  const next: BackendSettings = {
    ...settings,
    recent: [settings.base, ...previous.recent.filter((b) => b !== settings.base)].slice(0, MAX_RECENT),
  };
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Storage can be unavailable (private mode); the form then starts empty next time.
  }
  return next;
}
