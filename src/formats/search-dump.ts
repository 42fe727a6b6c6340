// Elasticsearch and OpenSearch search answers around span documents, as `curl
// …/jaeger-span-*/_search` returns them: {took, hits: {total, hits: [{_index, _source: span}]}}.
// The documents are unwrapped and read by whichever reader knows them (Jaeger's Elasticsearch
// span layout, usually); warnings point back into hits.hits[i]._source.
import { isObject, jsonText, type JsonObject } from './json.ts';
import { FormatError, type ParsedBatch } from './parsed.ts';

const SEARCH_ANSWER = 'an Elasticsearch/OpenSearch search answer';

/** The hits of a search answer, or undefined when `doc` is not one. */
export function searchHits(doc: unknown): readonly unknown[] | undefined {
  if (!isObject(doc)) return undefined;
  const hits = doc.hits;
  if (!isObject(hits) || !Array.isArray(hits.hits)) return undefined;
  // `took` or `_shards` is in every search answer; a bare {hits: {hits}} is taken too.
  return hits.hits;
}

function totalHits(doc: JsonObject): number | undefined {
  const hits = doc.hits as JsonObject;
  const total = hits.total;
  // Elasticsearch 7+ writes {value, relation}; 6 and older a bare number.
  if (typeof total === 'number') return total;
  if (isObject(total) && typeof total.value === 'number') return total.value;
  return undefined;
}

function describeDocument(source: unknown): string {
  if (!isObject(source)) return jsonText(source).slice(0, 60);
  const keys = Object.keys(source);
  if (keys.length === 0) return 'empty objects';
  return `objects with keys ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ', …' : ''}`;
}

/**
 * Reads the `_source` of each hit with `parseSources` (the format detection) and points its
 * warnings back at the hits. Throws FormatError naming the shape when there are no spans inside.
 */
export function parseSearchAnswer(
  doc: JsonObject,
  hits: readonly unknown[],
  parseSources: (sources: unknown[]) => ParsedBatch,
): ParsedBatch {
  const sources: unknown[] = [];
  const hitOfSource: number[] = [];
  let withoutSource = 0;
  for (let i = 0; i < hits.length; i++) {
    const hit: unknown = hits[i];
    if (isObject(hit) && isObject(hit._source)) {
      sources.push(hit._source);
      hitOfSource.push(i);
    } else withoutSource++;
  }
  if (sources.length === 0) {
    const why =
      hits.length === 0
        ? 'with no hits: it holds no spans'
        : 'whose hits have no _source documents (was the search run with _source off?)';
    throw new FormatError(`This is ${SEARCH_ANSWER} ${why}.`, '$.hits.hits');
  }
  let batch: ParsedBatch;
  try {
    batch = parseSources(sources);
  } catch (e) {
    if (!(e instanceof FormatError)) throw e;
    throw new FormatError(
      `This is ${SEARCH_ANSWER} whose documents (hits.hits[]._source) are not spans: they are ${describeDocument(sources[0])}.`,
      '$.hits.hits[0]._source',
    );
  }
  const warnings = batch.warnings.map((w) => {
    const at = /^\$\[(\d+)\]/.exec(w.path);
    if (at === null) return w;
    const hit = hitOfSource[Number(at[1])];
    return { ...w, path: `$.hits.hits[${hit}]._source${w.path.slice(at[0].length)}` };
  });
  if (withoutSource > 0)
    warnings.push({
      code: 'other',
      message: `${withoutSource} hits have no _source document; skipped`,
      path: '$.hits.hits',
    });
  const notes = [...batch.notes];
  const total = totalHits(doc);
  if (total !== undefined && total > hits.length)
    notes.push(`The search answer holds ${hits.length} of ${total} hits: the rest of the spans are not in this file`);
  return { ...batch, warnings, notes };
}
