//! The radar chart of the dimensions' levels (chart.js, vendored into the site from node_modules;
//! no CDN). Not-assessed dimensions are gaps, never 0. Animation is off: the chart is redrawn on
//! every change and its image is reused in the printed report.

import { both } from './i18n.js';

const FONT = '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Kaku Gothic ProN", "Yu Gothic", Meiryo, sans-serif';
let chartModule = null;

/**
 * Loads chart.js once (its UMD build sets globalThis.Chart when imported as a module; bundled,
 * as in the single file and the package's element, it is the module's default export). A load
 * that fails is forgotten, so the next draw tries again (e.g. once the network is back).
 */
export function loadChart() {
  chartModule ??= import('../vendor/chart.js/chart.umd.min.js').then((m) => {
    const Chart = globalThis.Chart ?? m?.default;
    if (typeof Chart !== 'function') throw new Error('chart.js did not load');
    Chart.defaults.font.family = FONT;
    Chart.defaults.color = '#1a1a1a';
    return Chart;
  }).catch((e) => {
    chartModule = null;
    throw e;
  });
  return chartModule;
}


const STYLES = [
  { border: '#1a5fb4', fill: 'rgba(26, 95, 180, 0.18)' },
  { border: '#8a4a00', fill: 'rgba(138, 74, 0, 0.08)', dash: [6, 4] },
];

export class RadarChart {
  /** @param {HTMLCanvasElement} canvas */
  constructor(canvas) {
    this.canvas = canvas;
    this.chart = null;
    this.pending = null;
    /** The PNG of the current drawing (made once per drawing: encoding it costs several ms). */
    this.png = '';
    /** Counts the drawings (and resizes): a PNG encoded meanwhile is of an older one. */
    this.drawings = 0;
  }

  /**
   * @param {{ labels: string[][], series: { label: string, data: (number|null)[] }[] }} d
   * @returns {Promise<void>} resolves when drawn
   */
  async draw(d) {
    this.pending = d;
    let Chart;
    try {
      Chart = await loadChart();
    } catch {
      if (this.pending === d) this.#missing(true);
      return;
    }
    if (this.pending !== d) return; // a newer draw superseded this one
    this.#missing(false);
    this.png = '';
    this.drawings++;
    const datasets = d.series.map((s, i) => ({
      label: s.label,
      data: s.data,
      borderColor: STYLES[i].border,
      backgroundColor: STYLES[i].fill,
      pointBackgroundColor: STYLES[i].border,
      borderDash: STYLES[i].dash ?? [],
      borderWidth: 2,
      pointRadius: 3,
      spanGaps: false,
    }));
    if (!this.chart) {
      this.chart = new Chart(this.canvas, {
        type: 'radar',
        data: { labels: d.labels, datasets },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: true,
          aspectRatio: 1,
          devicePixelRatio: Math.max(2, globalThis.devicePixelRatio || 1),
          onResize: () => { this.png = ''; this.drawings++; }, // drawn again at another size
          scales: {
            r: {
              min: 0,
              max: 4,
              ticks: { stepSize: 1, backdropColor: 'rgba(255,255,255,0.8)', font: { size: 10 } },
              pointLabels: { font: { size: 11 } },
              grid: { color: '#c8c8c8' },
              angleLines: { color: '#d8d8d8' },
            },
          },
          plugins: { legend: { display: datasets.length > 1, position: 'bottom' } },
        },
      });
    } else {
      this.chart.data.labels = d.labels;
      this.chart.data.datasets = datasets;
      this.chart.options.plugins.legend.display = datasets.length > 1;
      this.chart.update('none');
    }
  }

  /** Shows or removes the message in the chart's place. */
  #missing(on) {
    const next = this.canvas.nextElementSibling;
    const shown = next?.classList.contains('chart-missing') ? next : null;
    this.canvas.hidden = on;
    if (on && !shown) {
      const p = this.canvas.ownerDocument.createElement('p');
      p.className = 'chart-missing';
      p.setAttribute('role', 'status');
      p.textContent = both('chartMissing');
      this.canvas.after(p);
    } else if (!on && shown) shown.remove();
  }

  /**
   * image(), with the PNG encoded off the page's thread (canvas.toBlob, then read as a data URL):
   * for the printed report kept ready while the page is idle, where a synchronous encoding would
   * hold up a click that comes meanwhile. '' when the chart was drawn again meanwhile.
   */
  async imageSoon() {
    if (this.png) return this.png;
    if (!this.chart || this.canvas.width === 0 || this.canvas.clientWidth === 0) return '';
    if (typeof this.canvas.toBlob !== 'function' || typeof FileReader !== 'function') return this.image();
    const at = this.drawings;
    const blob = await new Promise((resolve) => this.canvas.toBlob(resolve, 'image/png'));
    if (!blob || at !== this.drawings) return '';
    const url = await new Promise((resolve) => {
      const r = new FileReader();
      r.onload = () => resolve(String(r.result));
      r.onerror = () => resolve('');
      r.readAsDataURL(blob);
    });
    if (at !== this.drawings || !url.startsWith('data:image/png')) return '';
    this.png = url;
    return url;
  }

  /** The current drawing as a PNG data URL (for the printed report), or '' before the first draw. */
  image() {
    // A hidden canvas (e.g. while printing, when the screen layout is display:none) has no size
    // and gives an empty image: keep the last good one instead.
    if (this.png) return this.png;
    if (!this.chart || this.canvas.width === 0 || this.canvas.clientWidth === 0) return '';
    const url = this.chart.toBase64Image('image/png', 1);
    this.png = url.startsWith('data:image/png') ? url : '';
    return this.png;
  }
}
