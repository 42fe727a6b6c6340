import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeTrace } from '../../helpers/make-trace.ts';
import { renderWaterfall, row, rowIds, selectedSpanId, stubLayout } from './waterfall-test-utils.tsx';

stubLayout();

const trace = makeTrace([
  { id: 'root', start: 0, dur: 1000, name: 'checkout' },
  { id: 'pay', parent: 'root', start: 10, dur: 300, name: 'charge card' },
  { id: 'ship', parent: 'root', start: 400, dur: 300, name: 'ship order' },
  { id: 'label', parent: 'ship', start: 410, dur: 50, name: 'print label' },
  { id: 'fee', parent: 'label', start: 420, dur: 10, name: 'charge fee' },
  { id: 'mail', parent: 'root', start: 800, dur: 100, name: 'send mail' },
]);
const searchBox = () => screen.getByRole('searchbox', { name: 'Search spans' });
const count = () => screen.getByTestId('match-count').textContent;
const type = (text: string) => fireEvent.change(searchBox(), { target: { value: text } });

describe('search', () => {
  it('highlights and counts the matches', () => {
    renderWaterfall(trace);
    expect(searchBox().getAttribute('placeholder')).toBe('Search spans (/)');
    type('charge');
    expect(count()).toBe('2 matches');
    expect(row('pay').getAttribute('data-match')).toBe('true');
    expect(row('fee').getAttribute('data-match')).toBe('true');
    expect(row('ship').hasAttribute('data-match')).toBe(false);
    type('nothing-like-this');
    expect(count()).toBe('No matches');
  });

  it('steps through matches with Enter, the buttons and n/N, revealing collapsed ones', () => {
    renderWaterfall(trace);
    fireEvent.click(screen.getByRole('button', { name: 'Collapse all' }));
    type('charge');
    fireEvent.keyDown(searchBox(), { key: 'Enter' });
    expect(selectedSpanId(trace)).toBe('pay');
    expect(count()).toBe('1 of 2');
    fireEvent.click(screen.getByRole('button', { name: 'Next match' }));
    expect(selectedSpanId(trace)).toBe('fee');
    expect(count()).toBe('2 of 2');
    // The match was inside collapsed spans: its ancestors were expanded to show it.
    expect(row('fee').getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(document.body, { key: 'n' });
    expect(selectedSpanId(trace)).toBe('pay');
    fireEvent.keyDown(document.body, { key: 'N' });
    expect(selectedSpanId(trace)).toBe('fee');
    fireEvent.keyDown(searchBox(), { key: 'Enter', shiftKey: true });
    expect(selectedSpanId(trace)).toBe('pay');
  });

  it('starts from the selected span: next is the first match after it', () => {
    renderWaterfall(trace);
    fireEvent.click(row('ship'));
    type('charge');
    expect(count()).toBe('2 matches');
    fireEvent.click(screen.getByRole('button', { name: 'Next match' }));
    expect(selectedSpanId(trace)).toBe('fee');
  });

  it('keys typed in the search box stay in the search box', () => {
    renderWaterfall(trace);
    type('charge');
    fireEvent.keyDown(searchBox(), { key: 'n' });
    fireEvent.keyDown(searchBox(), { key: '?' });
    expect(selectedSpanId(trace)).toBeNull();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows only matches and the ancestors that place them', () => {
    renderWaterfall(trace);
    type('charge');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Show only matches' }));
    expect(rowIds()).toEqual(['root', 'pay', 'ship', 'label', 'fee']);
    // Ancestors kept for context are dimmed, matches are not.
    expect(row('ship').classList.contains('wf-row--context')).toBe(true);
    expect(row('fee').classList.contains('wf-row--context')).toBe(false);
    type('');
    expect(rowIds()).toHaveLength(6);
  });

  it('/ focuses the search; Escape clears the search, then the selection', () => {
    renderWaterfall(trace);
    fireEvent.click(row('mail'));
    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(searchBox());
    type('mail');
    fireEvent.keyDown(searchBox(), { key: 'Escape' });
    expect(searchBox()).toHaveProperty('value', '');
    expect(selectedSpanId(trace)).toBe('mail');
    type('mail');
    searchBox().blur();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(searchBox()).toHaveProperty('value', '');
    expect(selectedSpanId(trace)).toBe('mail');
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(selectedSpanId(trace)).toBeNull();
  });
});
