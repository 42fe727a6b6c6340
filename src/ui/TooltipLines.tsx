// The body of a span tooltip, the same in every view: one label and value per line, the exact
// value on hover of a line. Values are trace text, shown as text in a <bdi>.
import type { TooltipLine } from '../view-model/span-tooltip.ts';

export function TooltipLines({ lines }: { lines: readonly TooltipLine[] }) {
  return (
    <dl className="tooltip-lines">
      {lines.map((line) => (
        <div key={line.label}>
          <dt>{line.label}</dt>
          <dd title={line.exact}>
            <bdi>{line.value}</bdi>
          </dd>
        </div>
      ))}
    </dl>
  );
}
