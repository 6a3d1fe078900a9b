// The scorer without any of the page: init(), a Scorer, score(). The .wasm is fetched beside renkei.js.
import init, { Scorer } from '../pkg/renkei.js';

const out = document.getElementById('out');
try {
  await init();
  const scorer = new Scorer();
  const assessment = await (await fetch('../samples/mito_after.json')).json();
  const report = scorer.score(assessment);
  out.textContent = JSON.stringify({ overall: report.overall, levels: report.dimensions.map((d) => [d.id, d.level]) }, null, 1);
  document.body.dataset.ready = 'true';
} catch (e) {
  out.textContent = `${e.name}: ${e.messageJa ?? ''} ${e.message}`;
}
