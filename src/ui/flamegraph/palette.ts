// Colors of a trace's services as canvas color buckets, with a readable text color for each.
import type { GenAiKind } from '../../analysis/genai-kind.ts';
import { GENAI_KIND_COLORS, NOT_GENAI_COLOR } from '../../view-model/genai-labels.ts';
import { serviceColorIn } from '../../view-model/service-colors.ts';

export interface FlamePalette {
  /** Distinct fill colors; a box's bucket indexes them. */
  readonly colors: readonly string[];
  readonly textColors: readonly string[];
  readonly bucketOfService: ReadonlyMap<string, number>;
}

function relativeLuminance(hex: string): number {
  const channel = (k: number): number => {
    const c = parseInt(hex.slice(1 + 2 * k, 3 + 2 * k), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** Black or white, whichever contrasts more with the fill. */
export function textColorOn(hex: string): string {
  const l = relativeLuminance(hex);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#111111' : '#ffffff';
}

export function paletteFor(services: readonly string[]): FlamePalette {
  const colors: string[] = [];
  const bucketOfService = new Map<string, number>();
  for (const s of services) {
    const color = serviceColorIn(services, s);
    let bucket = colors.indexOf(color);
    if (bucket === -1) {
      bucket = colors.length;
      colors.push(color);
    }
    bucketOfService.set(s, bucket);
  }
  if (colors.length === 0) colors.push(serviceColorIn(services, ''));
  return { colors, textColors: colors.map(textColorOn), bucketOfService };
}

/** "Colour by kind": a bucket per GenAI step kind, bucket 0 for spans that are no GenAI step. */
export const KIND_PALETTE: { readonly palette: FlamePalette; readonly bucketOfKind: ReadonlyMap<GenAiKind, number> } =
  (() => {
    const kinds = Object.keys(GENAI_KIND_COLORS) as GenAiKind[];
    const colors = [NOT_GENAI_COLOR, ...kinds.map((k) => GENAI_KIND_COLORS[k])];
    return {
      palette: { colors, textColors: colors.map(textColorOn), bucketOfService: new Map() },
      bucketOfKind: new Map(kinds.map((k, i) => [k, i + 1])),
    };
  })();
