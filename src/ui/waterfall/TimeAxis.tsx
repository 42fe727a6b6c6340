import type { ScaleLinear } from 'd3-scale';
import { formatExactNs } from '../../view-model/duration.ts';
import { tickFormatter } from './tick-format.ts';

const LAST_LABEL_PCT = 94;

export interface AxisProps {
  readonly scale: ScaleLinear<number, number>;
  readonly ticks: readonly number[];
}

/** Tick labels over the timeline column, in the units a person reads. */
export function TimeAxis({ scale, ticks }: AxisProps) {
  const [startNs, endNs] = scale.domain();
  const step = ticks.length > 1 ? ticks[1] - ticks[0] : endNs - startNs;
  const format = tickFormatter(Math.max(Math.abs(startNs), Math.abs(endNs)), step);
  return (
    <div
      className="wf-axis"
      role="img"
      data-testid="time-axis"
      data-start-ns={startNs}
      data-end-ns={endNs}
      aria-label="Time since trace start"
    >
      {ticks.map((t) => {
        const left = scale(t);
        // A label this close to the right edge would run out of the axis or into its neighbour;
        // its grid line still shows.
        if (left > LAST_LABEL_PCT) return null;
        return (
          <span key={t} className="wf-axis__tick" style={{ left: `${left}%` }} title={formatExactNs(t)}>
            {format(t)}
          </span>
        );
      })}
    </div>
  );
}
