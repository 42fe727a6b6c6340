// How many of a long list to render now. React builds a 1,500-row answer in one task that
// holds the page for a second or more; drawing the first rows at once and the rest a chunk per
// frame keeps the page answering input while every row still ends up in the page.
import { useEffect, useState } from 'react';

const FIRST_ROWS = 100;
const ROWS_PER_FRAME = 200;

export function useProgressiveCount(total: number): number {
  const [count, setCount] = useState(() => Math.min(total, FIRST_ROWS));
  // A new list (another answer, filter or order) starts again from its first rows.
  const [listTotal, setListTotal] = useState(total);
  if (listTotal !== total) {
    setListTotal(total);
    setCount(Math.min(total, FIRST_ROWS));
  }
  useEffect(() => {
    if (count >= total) return;
    const frame = requestAnimationFrame(() => setCount((c) => Math.min(total, c + ROWS_PER_FRAME)));
    return () => cancelAnimationFrame(frame);
  }, [count, total]);
  return Math.min(count, total);
}
