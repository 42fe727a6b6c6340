import { attributeDisplayText, attributeTypeLabel } from '../../analysis/attribute-text.ts';
import type { Attribute } from '../../model/trace.ts';
import { boundedLabel } from '../../view-model/bounded-text.ts';
import { CopyButton } from '../CopyButton.tsx';
import { TraceText } from '../TraceText.tsx';
import { AttributeValueView } from './AttributeValueView.tsx';

/**
 * One line per attribute: key | value, the key column as wide as its keys up to a cap, values
 * wrapping. The row's one Copy button (the value) shows on hover and on keyboard focus within
 * the row; the key copies itself when clicked, a quieter way for the rarer need.
 */
export function AttributeTable({ attributes, testId }: { attributes: readonly Attribute[]; testId?: string }) {
  return (
    <dl className="attr-table" data-testid={testId}>
      {attributes.map((a, i) => (
        <div className="attr-row" key={`${i}:${a.key}`} data-attr-key={a.key} data-attr-type={a.value.type}>
          <dt className="attr-row__key">
            <CopyButton text={a.key} label={`key ${boundedLabel(a.key)}`} className="attr-row__key-text">
              <TraceText value={a.key} />
            </CopyButton>{' '}
            <span className="attr-row__type">{attributeTypeLabel(a.value)}</span>
          </dt>
          <dd className="attr-row__value">
            <AttributeValueView value={a.value} />
            <CopyButton text={attributeDisplayText(a.value)} label={`value of ${boundedLabel(a.key)}`} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
