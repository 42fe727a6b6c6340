// Time-axis labels. All ticks of one axis share a unit (picked from the largest time shown)
// and as many decimals as the tick step needs, so neighbouring labels never read the same
// even when zoomed far into a long trace ("12.34 ms", "12.36 ms").

const UNITS: readonly { readonly ns: number; readonly label: string }[] = [
  { ns: 1, label: 'ns' },
  { ns: 1e3, label: 'µs' },
  { ns: 1e6, label: 'ms' },
  { ns: 1e9, label: 's' },
];

export function tickFormatter(largestNs: number, stepNs: number): (ns: number) => string {
  let unit = UNITS[0];
  for (const u of UNITS) if (Math.abs(largestNs) >= u.ns) unit = u;
  const stepInUnit = stepNs / unit.ns;
  const decimals = stepInUnit > 0 ? Math.min(6, Math.max(0, Math.ceil(-Math.log10(stepInUnit) - 1e-9))) : 0;
  return (ns) => (ns === 0 ? '0' : `${(ns / unit.ns).toFixed(decimals)} ${unit.label}`);
}
