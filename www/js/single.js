//! The single file's entry (scripts/bundle.mjs bundles it with everything it imports into one
//! inline module of renkei.html). One file holds both pages: the self-check, and — opened at
//! `#blank?set=…&lang=…` — the blank questionnaire, whose markup waits in a <template>.
if (location.hash.startsWith('#blank')) {
  const tpl = document.getElementById('renkei-blank');
  document.body.className = 'questionnaire-page';
  document.body.replaceChildren(tpl.content.cloneNode(true));
  await import('./questionnaire.js');
} else {
  await import('./app.js');
}
