// JSON.parse's messages differ between engines and often omit the position, so when a
// document fails to parse this scanner finds where and says what was expected there.
// It only runs on the failure path and never recurses.

export interface JsonErrorLocation {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly problem: string;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function describeChar(text: string, i: number): string {
  if (i >= text.length) return 'the end of the file';
  return `'${text[i]}'`;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WS = /[ \t\n\r]*/y;

/** Returns where the first syntax error is, or undefined if the text is valid JSON. */
export function locateJsonError(text: string): JsonErrorLocation | undefined {
  let i = 0;
  // Each entry is the container being filled: '{' or '['.
  const stack: string[] = [];
  const fail = (offset: number, expected: string): JsonErrorLocation => ({
    offset,
    ...lineAndColumn(text, offset),
    problem: `expected ${expected} but found ${describeChar(text, offset)}`,
  });
  const skipWs = () => {
    WS.lastIndex = i;
    WS.exec(text);
    i = WS.lastIndex;
  };
  const scanString = (): boolean => {
    i++; // opening quote
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return true;
      }
      if (c === 92) i += 2;
      else if (c < 32) return false;
      else i++;
    }
    return false;
  };
  // After a value: close containers or expect a comma.
  const afterValue = (): JsonErrorLocation | 'next' | 'done' => {
    for (;;) {
      skipWs();
      const top = stack[stack.length - 1];
      if (top === undefined) return i === text.length ? 'done' : fail(i, 'the end of the document');
      const c = text[i];
      if (c === ',') {
        i++;
        skipWs();
        if (top === '{') {
          if (text[i] !== '"') return fail(i, 'a double-quoted property name');
          return keyThenValue();
        }
        return 'next';
      }
      if ((top === '{' && c === '}') || (top === '[' && c === ']')) {
        stack.pop();
        i++;
        continue;
      }
      return fail(i, top === '{' ? "',' or '}'" : "',' or ']'");
    }
  };
  const keyThenValue = (): JsonErrorLocation | 'next' => {
    if (!scanString()) return fail(i, 'a closed string');
    skipWs();
    if (text[i] !== ':') return fail(i, "':'");
    i++;
    return 'next';
  };

  for (;;) {
    skipWs();
    const c = text[i];
    if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      skipWs();
      const close = c === '{' ? '}' : ']';
      if (text[i] === close) {
        stack.pop();
        i++;
      } else if (c === '{') {
        if (text[i] !== '"') return fail(i, "a double-quoted property name or '}'");
        const r = keyThenValue();
        if (r !== 'next') return r;
        continue;
      } else {
        continue;
      }
    } else if (c === '"') {
      if (!scanString()) return fail(Math.min(i, text.length), 'a closed string');
    } else if (text.startsWith('true', i)) i += 4;
    else if (text.startsWith('false', i)) i += 5;
    else if (text.startsWith('null', i)) i += 4;
    else {
      NUMBER.lastIndex = i;
      if (NUMBER.exec(text) === null) return fail(i, 'a value');
      i = NUMBER.lastIndex;
    }
    const r = afterValue();
    if (r === 'done') return undefined;
    if (r !== 'next') return r;
  }
}
