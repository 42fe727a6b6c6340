// The layering of src/ (see ARCHITECTURE.md), checked on every import statement: data flows one
// way, so a folder may import only from itself and from the folders listed for it here.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ALLOWED: Record<string, readonly string[]> = {
  model: [],
  formats: ['model'],
  analysis: ['model'],
  'view-model': ['model', 'analysis'],
  io: ['model'],
  worker: ['model', 'formats', 'analysis', 'io'],
  state: ['model', 'analysis', 'view-model', 'worker'],
  loading: ['model', 'formats', 'analysis', 'view-model', 'io', 'worker', 'state'],
  address: ['model', 'analysis', 'view-model', 'io', 'state', 'loading'],
  ui: ['model', 'analysis', 'view-model', 'io', 'state', 'loading', 'address'],
  server: [],
};

// Modules that touch the DOM, React or Node may live only in the layers that own those worlds.
const PLATFORM_IMPORTS: Record<string, RegExp> = {
  react: /^react(-dom)?(\/|$)/,
  node: /^node:/,
};
const PLATFORM_ALLOWED: Record<string, readonly string[]> = {
  react: ['ui'],
  node: ['server'],
};

const SRC = normalize(join(import.meta.dirname, '..', '..', '..', 'src'));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function layerOf(file: string): string | undefined {
  const rel = relative(SRC, file);
  return rel.includes(sep) ? rel.split(sep)[0] : undefined;
}

/** Every module specifier of a file: static imports and re-exports, dynamic imports, worker URLs. */
function specifiers(text: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\bnew URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url/g,
  ];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.push(m[1]);
  return found;
}

function violations(): string[] {
  const problems: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = layerOf(file);
    const where = relative(SRC, file);
    if (from === undefined) continue; // src/main.tsx wires everything together
    const allowed = ALLOWED[from];
    if (allowed === undefined) {
      problems.push(`${where}: folder src/${from} has no place in the layering`);
      continue;
    }
    for (const spec of specifiers(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.')) {
        const to = layerOf(normalize(join(dirname(file), spec)));
        if (to === undefined || to === from || allowed.includes(to)) continue;
        problems.push(`${where}: imports ${spec} (${from} may not import ${to})`);
        continue;
      }
      for (const [platform, pattern] of Object.entries(PLATFORM_IMPORTS)) {
        if (pattern.test(spec) && !PLATFORM_ALLOWED[platform].includes(from)) {
          problems.push(`${where}: imports ${spec} (${platform} belongs to ${PLATFORM_ALLOWED[platform].join(', ')})`);
        }
      }
    }
  }
  return problems;
}

describe('layering of src/', () => {
  it('has no import from a lower layer into a higher one', () => {
    expect(violations()).toEqual([]);
  });

  it('checks the import forms the code uses', () => {
    const text = [
      "import { a } from '../ui/a.ts';",
      "import type { B } from '../ui/b.ts';",
      "export { c } from './c.ts';",
      "import './d.css';",
      "const e = await import('../e.ts');",
      "new Worker(new URL('../worker/f.ts', import.meta.url));",
    ].join('\n');
    expect(specifiers(text)).toEqual(['../ui/a.ts', '../ui/b.ts', './c.ts', './d.css', '../e.ts', '../worker/f.ts']);
  });
});
