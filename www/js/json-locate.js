//! Finds where a JSON text stops being JSON, as line and column (1-based, in characters), so a
//! corrupt file can be reported as "line 3, column 6" whatever the browser's own message says.

/**
 * @param {string} text
 * @returns {{ offset: number, line: number, column: number, what: string } | null}  null when valid
 */
export function locateJsonError(text) {
  let i = 0;
  const fail = (what) => {
    throw { offset: Math.min(i, text.length), what };
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const lit = (word) => {
    for (const c of word) {
      if (text[i] !== c) fail(`expected "${word}"`);
      i++;
    }
  };
  const str = () => {
    i++; // opening quote
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('bad \\u escape');
          i += 5;
        } else if ('"\\/bfnrt'.includes(text[i] ?? '')) i++;
        else fail('bad escape');
      } else if (c < ' ') fail('control character in string');
      else i++;
    }
    fail('unterminated string');
  };
  const num = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m || m[0] === '-' || m[0] === '') fail('bad number');
    i += m[0].length;
  };
  const value = (depth) => {
    if (depth > 512) fail('nested too deeply');
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a property name in double quotes');
        str();
        ws();
        if (text[i] !== ':') fail('expected ":"');
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail('expected "," or "}"');
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail('expected "," or "]"');
      }
    } else if (c === '"') str();
    else if (c === 't') lit('true');
    else if (c === 'f') lit('false');
    else if (c === 'n') lit('null');
    else if (c === '-' || (c >= '0' && c <= '9')) num();
    else fail(i >= text.length ? 'unexpected end of file' : `unexpected character "${c}"`);
  };
  try {
    value(0);
    ws();
    if (i < text.length) fail('unexpected text after the end');
    return null;
  } catch (e) {
    if (!e || typeof e.offset !== 'number') throw e;
    const before = text.slice(0, e.offset);
    const line = before.split('\n').length;
    const column = [...before.slice(before.lastIndexOf('\n') + 1)].length + 1;
    return { offset: e.offset, line, column, what: e.what };
  }
}
