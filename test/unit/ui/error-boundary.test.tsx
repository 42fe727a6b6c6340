import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from '../../../src/ui/ErrorBoundary.tsx';

function Panel({ fail }: { fail: boolean }) {
  if (fail) throw new RangeError(`Invalid string length ${'x'.repeat(10_000)}`);
  return <p>panel content</p>;
}

afterEach(cleanup);

describe('a failing panel', () => {
  it('says what failed, keeps the rest of the page, and is tried again for the next span', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const page = (fail: boolean, key: number) => (
      <div>
        <p>the waterfall</p>
        <ErrorBoundary what="The span detail" resetKey={key}>
          <Panel fail={fail} />
        </ErrorBoundary>
      </div>
    );
    const { rerender } = render(page(true, 1));
    const alert = screen.getByTestId('panel-error');
    expect(alert.textContent).toMatch(/^The span detail could not be shown: RangeError: Invalid string length/);
    expect(alert.textContent).toContain('The loaded traces are kept.');
    // The message of a hostile value is cut, not printed whole.
    expect(alert.textContent?.length).toBeLessThan(500);
    expect(screen.getByText('the waterfall')).toBeTruthy();
    rerender(page(false, 2));
    expect(screen.queryByTestId('panel-error')).toBeNull();
    expect(screen.getByText('panel content')).toBeTruthy();
    rerender(page(true, 3));
    rerender(page(false, 3));
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByText('panel content')).toBeTruthy();
    logged.mockRestore();
  });
});
