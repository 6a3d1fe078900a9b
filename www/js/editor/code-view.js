//! The code view: CodeMirror 6 with line numbers, bracket matching, search (Ctrl+F), undo, the
//! TOML mode of @codemirror/legacy-modes and a small rhai mode of our own, and the engine's
//! problems as lint markers at their line and column (Japanese and English).
import {
  EditorState, EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
  highlightSpecialChars, defaultKeymap, history, historyKeymap, indentWithTab, search, searchKeymap,
  highlightSelectionMatches, StreamLanguage, bracketMatching, syntaxHighlighting, defaultHighlightStyle,
  indentOnInput, lintGutter, setDiagnostics, lintKeymap, toml, Compartment,
} from '../../vendor/editor/libs.js';

const KEYWORDS = new Set(['fn', 'let', 'const', 'if', 'else', 'switch', 'while', 'loop', 'for', 'in', 'do', 'until', 'break', 'continue', 'return', 'throw', 'try', 'catch', 'private', 'import', 'export', 'as', 'global']);
const ATOMS = new Set(['true', 'false', 'this']);

/** rhai, tokenised line by line: comments (incl. doc comments), strings, numbers, keywords, operators. */
function rhaiToken(stream, st) {
  if (st.inComment) {
    if (stream.skipTo('*/')) { stream.match('*/'); st.inComment = false; } else stream.skipToEnd();
    return 'comment';
  }
  if (st.inString) {
    let esc = false;
    let ch;
    while ((ch = stream.next()) != null) {
      if (ch === st.inString && !esc) { st.inString = null; break; }
      esc = !esc && ch === '\\';
    }
    return 'string';
  }
  if (stream.eatSpace()) return null;
  if (stream.match('//')) { stream.skipToEnd(); return 'comment'; }
  if (stream.match('/*')) { st.inComment = true; return 'comment'; }
  const ch = stream.peek();
  if (ch === '"' || ch === '`') { stream.next(); st.inString = ch; return rhaiToken(stream, st); }
  if (ch === "'") { stream.match(/^'(\\.|[^'])'/); return 'string'; }
  if (stream.match(/^\d[\d_]*(\.\d[\d_]*)?([eE][+-]?\d+)?/)) return 'number';
  if (stream.match('#{')) return 'bracket';
  if (stream.match(/^[A-Za-z_][A-Za-z0-9_]*/)) {
    const w = stream.current();
    if (KEYWORDS.has(w)) return 'keyword';
    if (ATOMS.has(w)) return 'atom';
    if (stream.match(/^\s*\(/, false)) return 'variableName.function';
    return 'variableName';
  }
  if (stream.match(/^[-+*/%=!<>&|^~?:.,;]+/)) return 'operator';
  stream.next();
  return null;
}
export const rhai = StreamLanguage.define({
  name: 'rhai',
  startState: () => ({ inComment: false, inString: null }),
  token: rhaiToken,
  languageData: { commentTokens: { line: '//', block: { open: '/*', close: '*/' } }, closeBrackets: { brackets: ['(', '[', '{', '"'] } },
});

const tomlLang = StreamLanguage.define(toml);

const SHADOW_CSS = `
:host { display: block; }
.cm-editor { height: 70vh; font-size: 14px; }
.cm-scroller { font-family: ui-monospace, "DejaVu Sans Mono", Consolas, monospace; }
.cm-tooltip-lint { white-space: pre-wrap; max-width: 40rem; }
`;
const languageFor = (path) => (path.endsWith('.rhai') ? rhai : path.endsWith('.toml') ? tomlLang : []);

/** Problems of one file as CodeMirror diagnostics (a problem without a line marks the first line). */
export function diagnosticsFor(doc, problems) {
  return problems.map((p) => {
    const lineNo = Math.min(Math.max(p.line ?? 1, 1), doc.lines);
    const line = doc.line(lineNo);
    const from = Math.min(line.from + Math.max((p.column ?? 1) - 1, 0), line.to);
    const word = /^[\w"'.-]+/.exec(doc.sliceString(from, line.to));
    const to = word ? from + word[0].length : Math.min(from + 1, line.to);
    return { from, to: Math.max(to, from), severity: 'error', source: p.code, message: `${p.messageJa}\n${p.message}` };
  });
}

/**
 * A code editor in `parent`. `onChange(path, text)` is called on every edit of the open file.
 * @returns {{ open(path: string, text: string, at?: { line?: number, column?: number }): void, setText(path: string, text: string): void, showProblems(problems: any[]): void, path(): string|null, view: any }}
 */
export function createCodeView(parent, { onChange, label }) {
  const states = new Map();  // path → EditorState (keeps each file's undo history)
  let current = null;
  let lastProblems = [];
  const lang = new Compartment();
  const extensions = (path) => [
    lineNumbers(), highlightActiveLineGutter(), highlightSpecialChars(), history(), drawSelection(),
    indentOnInput(), bracketMatching(), highlightActiveLine(), highlightSelectionMatches(), search({ top: true }),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }), lintGutter(),
    keymap.of([...defaultKeymap, ...searchKeymap, ...historyKeymap, ...lintKeymap, indentWithTab]),
    lang.of(languageFor(path)),
    EditorView.contentAttributes.of({ 'aria-label': label(path) }),
    EditorView.updateListener.of((u) => { if (u.docChanged && current === path) onChange(path, u.state.doc.toString()); }),
  ];
  // The editor lives in a shadow root: there CodeMirror's styles are constructed stylesheets,
  // which the page's strict Content-Security-Policy allows (in the document itself it would add
  // a <style> element, which the policy blocks).
  const shadow = parent.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(SHADOW_CSS);
  shadow.adoptedStyleSheets = [sheet];
  const host = document.createElement('div');
  shadow.append(host);
  const view = new EditorView({ root: shadow, parent: host, state: EditorState.create({ doc: '', extensions: [EditorView.editable.of(false)] }) });
  view.scrollDOM.tabIndex = 0;   // the scrolling area is reachable by keyboard (and so scrollable with the arrow keys)

  function apply() {
    if (!current) return;
    const mine = lastProblems.filter((p) => p.file === current);
    view.dispatch(setDiagnostics(view.state, diagnosticsFor(view.state.doc, mine)));
  }
  return {
    view,
    path: () => current,
    open(path, text, at) {
      if (current) states.set(current, view.state);
      let st = states.get(path);
      if (!st || st.doc.toString() !== text) st = EditorState.create({ doc: text, extensions: extensions(path) });
      current = path;
      view.setState(st);
      apply();
      if (at?.line) {
        const line = view.state.doc.line(Math.min(Math.max(at.line, 1), view.state.doc.lines));
        const pos = Math.min(line.from + Math.max((at.column ?? 1) - 1, 0), line.to);
        view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'center' }) });
        view.focus();
      }
    },
    /** A file changed elsewhere (the table view, publish): the editor shows the new text. */
    setText(path, text) {
      if (path === current) {
        if (view.state.doc.toString() !== text) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
      } else {
        states.delete(path);
      }
    },
    forget() { states.clear(); current = null; },
    showProblems(problems) {
      lastProblems = problems;
      apply();
    },
  };
}
