import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TraceHeader } from '../../../src/ui/TraceHeader.tsx';
import { makeTrace } from '../../helpers/make-trace.ts';

describe('TraceHeader service legend', () => {
  it('lists each service once with a color no other service of the trace has', () => {
    // HotROD's six services: three of them shared one orange when colors were hashed per name.
    const services = ['frontend', 'customer', 'driver', 'route', 'mysql', 'redis-manual'];
    const trace = makeTrace(
      services.map((service, i) => ({
        id: `s${i}`,
        parent: i === 0 ? undefined : 's0',
        start: i,
        dur: 100 - i,
        service,
      })),
    );
    render(<TraceHeader trace={trace} />);
    const entries = within(screen.getByTestId('service-legend')).getAllByRole('listitem');
    expect(entries.map((e) => e.getAttribute('data-service')).sort()).toEqual([...services].sort());
    const colors = entries.map((e) => e.getAttribute('data-color'));
    expect(new Set(colors).size).toBe(services.length);
    for (const entry of entries) {
      expect(entry.textContent).toBe(entry.getAttribute('data-service'));
      const swatch = entry.querySelector<HTMLElement>('.swatch')!;
      expect(swatch.style.background).not.toBe('');
    }
  });
});
