import { describe, expect, it } from 'vitest';
import { spanBadges } from '../../../src/view-model/span-badges.ts';
import type { Attribute } from '../../../src/model/trace.ts';
import { attrValue, type AttrInput } from '../../helpers/make-trace.ts';

const attrs = (record: Record<string, AttrInput>): Attribute[] =>
  Object.entries(record).map(([key, value]) => ({ key, value: attrValue(value) }));

describe('spanBadges', () => {
  it('shows no badge for spans without well-known attributes', () => {
    expect(spanBadges(attrs({ 'http.method': 'GET', 'peer.service': 'x' }))).toEqual([]);
  });

  it('shows the HTTP status from either attribute name, toned by class', () => {
    expect(spanBadges(attrs({ 'http.status_code': 503 }))).toEqual([
      { kind: 'http', text: '503', title: 'HTTP status 503 (http.status_code)', tone: 'error' },
    ]);
    expect(spanBadges(attrs({ 'http.response.status_code': '404' }))[0]).toMatchObject({ text: '404', tone: 'warn' });
    expect(spanBadges(attrs({ 'http.response.status_code': 200 }))[0].tone).toBeUndefined();
    // The current name wins when both are there.
    expect(spanBadges(attrs({ 'http.status_code': 500, 'http.response.status_code': 201 }))[0].text).toBe('201');
  });

  it('shows the database system with the database name in the tooltip', () => {
    const [badge] = spanBadges(attrs({ 'db.system': 'postgresql', 'db.name': 'orders' }));
    expect(badge).toMatchObject({ kind: 'db', text: 'postgresql' });
    expect(badge.title).toContain('orders');
  });

  it('shows RPC system, and the service when only it is known', () => {
    const [rpc] = spanBadges(attrs({ 'rpc.system': 'grpc', 'rpc.service': 'cart.Cart', 'rpc.method': 'Add' }));
    expect(rpc).toMatchObject({ kind: 'rpc', text: 'grpc' });
    expect(rpc.title).toBe('RPC: grpc, service cart.Cart, method Add');
    expect(spanBadges(attrs({ 'rpc.service': 'cart.Cart' }))[0]).toMatchObject({ kind: 'rpc', text: 'rpc' });
    expect(spanBadges(attrs({ 'rpc.system.name': 'grpc' }))[0]).toMatchObject({ kind: 'rpc', text: 'grpc' });
  });

  it('shows the messaging system', () => {
    const [badge] = spanBadges(attrs({ 'messaging.system': 'kafka', 'messaging.destination.name': 'orders' }));
    expect(badge).toMatchObject({ kind: 'messaging', text: 'kafka', title: 'Messaging: kafka, destination orders' });
  });

  it('shows the GenAI model, preferring the model that answered', () => {
    const [badge] = spanBadges(
      attrs({ 'gen_ai.request.model': 'gpt-4o', 'gen_ai.response.model': 'gpt-4o-2024-08-06' }),
    );
    expect(badge).toMatchObject({ kind: 'genai', text: 'gpt-4o-2024-08-06' });
    expect(badge.title).toContain('requested gpt-4o');
    expect(spanBadges(attrs({ 'llm.model_name': 'claude-3-haiku' }))[0]).toMatchObject({
      kind: 'genai',
      text: 'claude-3-haiku',
    });
  });

  it('ignores empty and non-scalar values', () => {
    expect(spanBadges(attrs({ 'db.system': '  ', 'messaging.system': { type: 'array', value: [] } }))).toEqual([]);
  });

  it('shows several badges in a fixed order', () => {
    const kinds = spanBadges(attrs({ 'gen_ai.request.model': 'm', 'http.status_code': 200, 'rpc.system': 'grpc' })).map(
      (b) => b.kind,
    );
    expect(kinds).toEqual(['http', 'rpc', 'genai']);
  });
});
