// For tests of values nested thousands deep: how deep a value goes, and what is at the bottom.
import type { AttributeValue } from '../../src/model/trace.ts';

/** Follows the first item of arrays and the first entry of maps down to a value that is neither. */
export function nestingOf(value: AttributeValue): { readonly depth: number; readonly bottom: AttributeValue } {
  let depth = 0;
  while (value.type === 'array' || value.type === 'map') {
    value = value.type === 'array' ? value.value[0] : value.value[0].value;
    depth++;
  }
  return { depth, bottom: value };
}
