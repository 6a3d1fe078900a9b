// The editor's libraries, by name from node_modules (npm devDependencies): CodeMirror 6, its
// legacy TOML mode, and toml-eslint-parser (a TOML parser that gives every node's range, so a
// form edit can replace just one value). scripts/site.sh bundles this file with esbuild into
// target/site/vendor/editor/libs.js; scripts/bundle.mjs inlines it into the single files.
// Nothing here is our code: it only says which parts of which library the editor uses.
export { EditorState, StateEffect, StateField, Compartment } from '@codemirror/state';
export { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection, highlightSpecialChars } from '@codemirror/view';
export { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
export { search, searchKeymap, highlightSelectionMatches, openSearchPanel } from '@codemirror/search';
export { StreamLanguage, bracketMatching, syntaxHighlighting, defaultHighlightStyle, indentOnInput, HighlightStyle } from '@codemirror/language';
export { linter, lintGutter, setDiagnostics, forceLinting, lintKeymap } from '@codemirror/lint';
export { toml } from '@codemirror/legacy-modes/mode/toml';
export { parseTOML, getStaticTOMLValue } from 'toml-eslint-parser';
