// The host page's own script: defines the element, shows its events, and copies the first
// element's answers into the second (readonly) one.
import { RenkeiSelfCheck } from '../js/self-check.js';

RenkeiSelfCheck.define();
const a = document.getElementById('check-a');
const b = document.getElementById('check-b');
const log = document.getElementById('events');
a.addEventListener('renkei-change', (ev) => {
  log.textContent = `renkei-change: ${Object.keys(ev.detail.answers).length} answers`;
  b.setAnswers(ev.detail.answers);
});
a.addEventListener('renkei-score', (ev) => {
  log.textContent += ` — renkei-score: overall ${ev.detail.report.overall.score}`;
});
