// The filter box and order of a trace list, shared by the loaded files' list and a backend's
// search results; the count beside them is each list's own.
import type { ReactNode } from 'react';
import { isTraceOrder, type TraceOrder } from './trace-list.ts';

export function TraceListControls({
  filter,
  onFilter,
  order,
  orders,
  onOrder,
  children,
}: {
  filter: string;
  onFilter(text: string): void;
  order: TraceOrder;
  /** The orders offered, with their labels, in menu order. */
  orders: readonly (readonly [string, string])[];
  onOrder(order: TraceOrder): void;
  children?: ReactNode;
}) {
  return (
    <div className="trace-picker__controls">
      <input
        type="search"
        aria-label="Filter traces"
        placeholder="Filter by root operation, service or trace id"
        value={filter}
        onChange={(e) => onFilter(e.target.value)}
      />
      <label>
        Order{' '}
        <select value={order} onChange={(e) => isTraceOrder(e.target.value) && onOrder(e.target.value)}>
          {orders.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </label>
      {children}
    </div>
  );
}
