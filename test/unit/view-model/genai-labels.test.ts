import { describe, expect, it } from 'vitest';
import { compactCount, genAiLabel, genAiRowFacts, tokensText } from '../../../src/view-model/genai-labels.ts';
import { makeTrace } from '../../helpers/make-trace.ts';

describe('GenAI labels for rows and flame boxes', () => {
  it('puts the kind and the model without its organisation before the name of a GenAI step', () => {
    const trace = makeTrace([
      {
        id: 'chat',
        start: 0,
        dur: 1,
        name: 'chat',
        attrs: { 'gen_ai.operation.name': 'chat', 'gen_ai.response.model': 'meta-llama/Llama-3.1-8B-Instruct' },
      },
      { id: 'tool', start: 0, dur: 1, name: 'execute_tool', attrs: { 'gen_ai.tool.name': 'search' } },
      { id: 'http', start: 0, dur: 1, name: 'GET /', attrs: { 'http.route': '/' } },
    ]);
    const [chat, tool, http] = trace.spans;
    expect(genAiLabel(genAiRowFacts(chat), chat.name)).toBe('LLM Llama-3.1-8B-Instruct · chat');
    expect(genAiLabel(genAiRowFacts(tool), tool.name)).toBe('tool · execute_tool');
    expect(genAiLabel(genAiRowFacts(http), http.name)).toBe('GET /');
  });

  it('writes token counts as people read them', () => {
    expect([950, 6187, 12_345, 1_300_000].map(compactCount)).toEqual(['950', '6.2k', '12k', '1.3M']);
    expect(tokensText(6187, 264)).toBe('6.2k → 264 tokens');
    expect(tokensText(17, undefined)).toBe('17 tokens in');
    expect(tokensText(undefined, undefined)).toBeUndefined();
  });
});
