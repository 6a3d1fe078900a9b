// A Vite project's own code: the scorer from the package, and its element.
import init, { Scorer } from 'renkei';
import 'renkei/element';
import fixture from './assessment.json?raw';

await init();
const scorer = new Scorer();
window.__result = scorer.scoreJson(fixture, false);
document.getElementById('out').textContent = JSON.parse(window.__result).overall.score;
await document.getElementById('vite-check').ready;
document.body.dataset.ready = 'true';
