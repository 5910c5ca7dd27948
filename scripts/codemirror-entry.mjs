// The parts of CodeMirror 6 the SQL console uses (views/public/static/sql-console.js), bundled by
// scripts/vendor-assets.mjs into one self-hosted script that defines `window.AtollCodeMirror`.
export { basicSetup } from 'codemirror';
export { EditorView, keymap } from '@codemirror/view';
export { Compartment, EditorState, Prec } from '@codemirror/state';
export { syntaxHighlighting } from '@codemirror/language';
export { classHighlighter } from '@lezer/highlight';
export { sql, PostgreSQL } from '@codemirror/lang-sql';
export { setDiagnostics } from '@codemirror/lint';
export { closeCompletion } from '@codemirror/autocomplete';
