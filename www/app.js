// Minimal page: loads the wasm scorer, scores a sample assessment and shows the report.
// The full self-assessment form replaces this (issue: the self-assessment page).
import init, { Scorer } from './pkg/renkei.js';

const $ = (id) => document.getElementById(id);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const CELL = { yes: '○', no: '×', unknown: '？', na: '－' };

function render(r) {
  const dims = r.dimensions.map((d) => `<tr><th scope="row">${esc(d.id)} ${esc(d.title.ja)}</th><td>${d.level ?? '対象外'}</td><td>${esc(d.label?.ja ?? '')}</td><td>${d.score} / ${d.max}</td><td>${d.answered} / ${d.total}</td></tr>`).join('');
  const scenes = r.scenes.map((s) => `<tr><th scope="row">${esc(s.label.ja)}</th>${['target', 'indicators', 'contract', 'council'].map((k) => `<td class="cell-${s[k]}">${CELL[s[k]]}</td>`).join('')}</tr>`).join('');
  const steps = r.findings.slice(0, 5).map((f) => `<li><strong>${esc(f.title.ja)}</strong><br>${esc(f.advice[0]?.ja)}<br><small>出典 [${esc(f.advice[0]?.source.file)}]「${esc(f.advice[0]?.source.quote)}」</small></li>`).join('');
  $('report').innerHTML = `
    <h2>${esc(r.assessment.municipality)} の結果</h2>
    <p>総合: <strong>レベル ${r.overall.level}（${esc(r.overall.label.ja)}）</strong> ・ 得点 <strong id="overall-score">${r.overall.score}</strong> / 100 ・ 段階: ${esc(r.overall.stage?.label.ja ?? '')}</p>
    <table><caption>観点別</caption><thead><tr><th>観点</th><th>レベル</th><th></th><th>得点</th><th>回答</th></tr></thead><tbody>${dims}</tbody></table>
    <table><caption>4つの場面</caption><thead><tr><th>場面</th><th>目指す姿</th><th>評価指標</th><th>委託・仕様書</th><th>協議体</th></tr></thead><tbody>${scenes}</tbody></table>
    <h3>次の一歩（優先順）</h3><ol>${steps}</ol>`;
  $('provenance').textContent = `ルールパック ${r.pack.id} ${r.pack.version}（${r.pack.edition}） ${r.pack.hash} ・ engine ${r.engine.version}`;
}

async function main() {
  await init();
  const scorer = new Scorer();
  const names = await (await fetch('samples/index.json')).json();
  $('sample').innerHTML = names.map((n) => `<option>${esc(n)}</option>`).join('');
  const show = async () => {
    try {
      const a = await (await fetch(`samples/${$('sample').value}.json`)).json();
      render(scorer.score(a));
      $('status').textContent = '採点しました。';
    } catch (e) {
      $('status').textContent = `採点できませんでした: ${e.messageJa ?? ''} ${e.message}`;
    }
  };
  $('sample').addEventListener('change', show);
  $('sample').value = names.includes('mito_after') ? 'mito_after' : names[0];
  await show();
  document.body.dataset.ready = 'true';
}
main();
