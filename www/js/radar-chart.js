//! The radar chart of the dimensions' levels (chart.js, vendored into the site from node_modules;
//! no CDN). Not-assessed dimensions are gaps, never 0. Animation is off: the chart is redrawn on
//! every change and its image is reused in the printed report.

const FONT = '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Kaku Gothic ProN", "Yu Gothic", Meiryo, sans-serif';
let chartModule = null;

/** Loads chart.js once (its UMD build sets globalThis.Chart when imported). */
function loadChart() {
  chartModule ??= import('../vendor/chart.js/chart.umd.min.js').then(() => {
    const Chart = globalThis.Chart;
    Chart.defaults.font.family = FONT;
    Chart.defaults.color = '#1a1a1a';
    return Chart;
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
  }

  /**
   * @param {{ labels: string[][], series: { label: string, data: (number|null)[] }[] }} d
   * @returns {Promise<void>} resolves when drawn
   */
  async draw(d) {
    this.pending = d;
    const Chart = await loadChart();
    if (this.pending !== d) return; // a newer draw superseded this one
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

  /** The current drawing as a PNG data URL (for the printed report), or '' before the first draw. */
  image() {
    // A hidden canvas (e.g. while printing, when the screen layout is display:none) has no size
    // and gives an empty image: keep the last good one instead.
    if (!this.chart || this.canvas.width === 0 || this.canvas.clientWidth === 0) return '';
    const url = this.chart.toBase64Image('image/png', 1);
    return url.startsWith('data:image/png') ? url : '';
  }
}
