// The parts of CodeMirror 6 the SQL console uses (views/public/static/sql-console.js), bundled by
// scripts/vendor-assets.mjs into one self-hosted script that defines `window.AtollCodeMirror`.

export { closeCompletion } from '@codemirror/autocomplete';
export { PostgreSQL, sql } from '@codemirror/lang-sql';
export { syntaxHighlighting } from '@codemirror/language';
export { setDiagnostics } from '@codemirror/lint';
export { Compartment, EditorState, Prec } from '@codemirror/state';
export { EditorView, keymap } from '@codemirror/view';
export { classHighlighter } from '@lezer/highlight';
export { basicSetup } from 'codemirror';
