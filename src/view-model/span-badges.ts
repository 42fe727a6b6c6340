// The small badges a waterfall row shows for well-known attributes: HTTP status, database,
// RPC, messaging system and GenAI model. Both the current OpenTelemetry names and the older
// ones still common in real traces are read.
import type { Attribute, AttributeValue } from '../model/trace.ts';
import { attributeValueText } from '../analysis/attribute-text.ts';
import { MODEL_KEYS } from '../analysis/genai-kind.ts';
import { shortModelName } from './genai-labels.ts';

export type BadgeKind = 'http' | 'db' | 'rpc' | 'messaging' | 'genai';

export interface SpanBadge {
  readonly kind: BadgeKind;
  readonly text: string;
  /** The attributes behind the badge, for a tooltip. */
  readonly title: string;
  /** 'error' for HTTP 5xx, 'warn' for 4xx. */
  readonly tone?: 'error' | 'warn';
}

function scalarText(value: AttributeValue): string | undefined {
  if (value.type === 'array' || value.type === 'map' || value.type === 'empty') return undefined;
  const text = attributeValueText(value).trim();
  return text === '' ? undefined : text;
}

/** The first key of `keys` present with a scalar value, with that value as text. */
function firstOf(values: Map<string, string>, keys: readonly string[]): { key: string; text: string } | undefined {
  for (const key of keys) {
    const text = values.get(key);
    if (text !== undefined) return { key, text };
  }
  return undefined;
}

const WANTED = new Set([
  'http.status_code',
  'http.response.status_code',
  'db.system',
  'db.system.name',
  'db.name',
  'db.namespace',
  'rpc.system',
  'rpc.system.name',
  'rpc.service',
  'rpc.method',
  'messaging.system',
  'messaging.destination.name',
  'messaging.destination',
  'gen_ai.request.model',
  'gen_ai.response.model',
  'llm.model_name',
  'embedding.model_name',
  'ai.response.model',
  'ai.model.id',
]);

export function spanBadges(attributes: readonly Attribute[]): SpanBadge[] {
  const values = new Map<string, string>();
  for (const a of attributes) {
    if (!WANTED.has(a.key) || values.has(a.key)) continue;
    const text = scalarText(a.value);
    if (text !== undefined) values.set(a.key, text);
  }
  if (values.size === 0) return [];
  const badges: SpanBadge[] = [];

  const status = firstOf(values, ['http.response.status_code', 'http.status_code']);
  if (status) {
    const code = Number(status.text);
    const tone = code >= 500 ? 'error' : code >= 400 ? 'warn' : undefined;
    badges.push({
      kind: 'http',
      text: status.text,
      title: `HTTP status ${status.text} (${status.key})`,
      ...(tone && { tone }),
    });
  }

  const db = firstOf(values, ['db.system.name', 'db.system']);
  if (db) {
    const name = firstOf(values, ['db.namespace', 'db.name']);
    badges.push({
      kind: 'db',
      text: db.text,
      title: `Database: ${db.text}${name ? `, ${name.text}` : ''} (${db.key})`,
    });
  }

  const rpcSystem = values.get('rpc.system.name') ?? values.get('rpc.system');
  const rpcService = values.get('rpc.service');
  if (rpcSystem !== undefined || rpcService !== undefined) {
    const method = values.get('rpc.method');
    const parts = [rpcSystem, rpcService && `service ${rpcService}`, method && `method ${method}`].filter(Boolean);
    badges.push({ kind: 'rpc', text: rpcSystem ?? 'rpc', title: `RPC: ${parts.join(', ')}` });
  }

  const messaging = values.get('messaging.system');
  if (messaging !== undefined) {
    const destination = firstOf(values, ['messaging.destination.name', 'messaging.destination']);
    badges.push({
      kind: 'messaging',
      text: messaging,
      title: `Messaging: ${messaging}${destination ? `, destination ${destination.text}` : ''}`,
    });
  }

  const model = firstOf(values, MODEL_KEYS);
  if (model) {
    const requested = values.get('gen_ai.request.model');
    const also = model.key === 'gen_ai.response.model' && requested !== undefined && requested !== model.text;
    badges.push({
      kind: 'genai',
      // Without the organisation prefix, so that it fits a name column; the title has it whole.
      text: shortModelName(model.text),
      title: `GenAI model: ${model.text} (${model.key})${also ? `; requested ${requested}` : ''}`,
    });
  }
  return badges;
}
