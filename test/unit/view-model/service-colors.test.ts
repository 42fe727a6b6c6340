import { describe, expect, it } from 'vitest';
import { serviceColorIn, serviceColors } from '../../../src/view-model/service-colors.ts';

// HotROD's services and the demo's: a hash into 16 colors gave frontend, mysql and
// redis-manual one orange, and guardrail-service and rag-orchestrator one red.
const HOTROD = ['customer', 'driver', 'frontend', 'mysql', 'redis-manual', 'route'];
const DEMO = [
  'api-gateway',
  'doc-store',
  'embedding-service',
  'guardrail-service',
  'inference-server',
  'llm-gateway',
  'rag-orchestrator',
  'vector-db',
];

describe('service colors', () => {
  it('gives every service of a trace its own color while the palette lasts', () => {
    for (const services of [HOTROD, DEMO]) {
      const colors = serviceColors(services);
      expect([...colors.keys()].sort()).toEqual([...services].sort());
      expect(new Set(colors.values()).size).toBe(services.length);
    }
    const sixteen = Array.from({ length: 16 }, (_, i) => `service-${i}`);
    expect(new Set(serviceColors(sixteen).values()).size).toBe(16);
  });

  it('gives the same trace the same colors on every load, whatever order its services come in', () => {
    const first = serviceColors([...HOTROD]);
    const again = serviceColors([...HOTROD].reverse());
    for (const s of HOTROD) expect(again.get(s)).toBe(first.get(s));
  });

  it('still colors every service of a trace with more services than colors', () => {
    const many = Array.from({ length: 40 }, (_, i) => `svc-${String(i).padStart(2, '0')}`);
    const colors = serviceColors(many);
    expect(colors.size).toBe(40);
    for (const c of colors.values()) expect(c).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('answers with the same color for a service in every view of a trace', () => {
    const services = [...DEMO];
    for (const s of services) expect(serviceColorIn(services, s)).toBe(serviceColors(services).get(s));
    expect(serviceColorIn(services, 'not-in-trace')).toMatch(/^#[0-9a-f]{6}$/);
  });
});
