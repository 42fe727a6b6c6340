import { attributeDisplayText, attributeTypeLabel } from '../../analysis/attribute-text.ts';
import type { Attribute } from '../../model/trace.ts';
import { boundedLabel } from '../../view-model/bounded-text.ts';
import { CopyButton } from '../CopyButton.tsx';
import { TraceText } from '../TraceText.tsx';
import { AttributeValueView } from './AttributeValueView.tsx';

/** Key, type and value of each attribute, with copy buttons for the key and the value. */
export function AttributeTable({ attributes, testId }: { attributes: readonly Attribute[]; testId?: string }) {
  return (
    <dl className="attr-table" data-testid={testId}>
      {attributes.map((a, i) => (
        <div className="attr-row" key={`${i}:${a.key}`} data-attr-key={a.key} data-attr-type={a.value.type}>
          <dt className="attr-row__key">
            <span className="attr-row__key-text">
              <TraceText value={a.key} />
            </span>
            <span className="attr-row__type">{attributeTypeLabel(a.value)}</span>
            <CopyButton text={a.key} label={`key ${boundedLabel(a.key)}`} />
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
