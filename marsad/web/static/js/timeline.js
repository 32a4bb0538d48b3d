// Stacked bars of event counts by type per day or month (SVG).

import { h, s, fmt } from './dom.js';
import { typeColor } from './codes.js';
import { t, typeName } from './i18n.js';

export function renderTimeline(host, timeline, onType) {
  const { buckets, series } = timeline;
  const types = Object.keys(series);
  if (!buckets.length) {
    host.append(h('p', { class: 'empty' }, t('noEvents')));
    return;
  }
  const width = Math.max(480, host.clientWidth || 900);
  const height = 190;
  const pad = { left: 40, right: 12, top: 10, bottom: 34 };
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const totals = buckets.map((_, i) => types.reduce((sum, type) => sum + series[type][i], 0));
  const max = Math.max(1, ...totals);
  const step = innerW / buckets.length;
  const barW = Math.max(1, Math.min(48, step * 0.8));
  const y = (v) => pad.top + innerH - (v / max) * innerH;

  const svg = s('svg', { class: 'chart timeline', viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img',
    'aria-label': t('timeline') });
  for (const v of [0, Math.round(max / 2), max]) {
    svg.append(s('line', { x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v), class: 'grid' }),
      s('text', { x: pad.left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'tick' }, fmt(v)));
  }
  const labelEvery = Math.ceil(buckets.length / Math.max(2, Math.floor(innerW / 70)));
  buckets.forEach((bucket, i) => {
    const x = pad.left + i * step + (step - barW) / 2;
    let base = 0;
    for (const type of types) {
      const n = series[type][i];
      if (!n) continue;
      svg.append(s('rect', { x, y: y(base + n), width: barW, height: y(base) - y(base + n), fill: typeColor(type),
        'data-type': type }, s('title', {}, `${bucket} · ${typeName(type)}: ${fmt(n)}`)));
      base += n;
    }
    if (i % labelEvery === 0) {
      svg.append(s('text', { x: x + barW / 2, y: height - pad.bottom + 16, 'text-anchor': 'middle', class: 'tick' }, bucket));
    }
  });
  host.append(svg);

  const legend = h('ul', { class: 'legend', title: t('legendHint') });
  for (const type of types) {
    const total = series[type].reduce((a, b) => a + b, 0);
    legend.append(h('li', {},
      h('button', { type: 'button', class: 'legend-item', 'data-type': type, onclick: () => onType(type) },
        h('span', { class: 'swatch', style: { backgroundColor: typeColor(type) } }), `${typeName(type)} (${fmt(total)})`)));
  }
  host.append(legend);
}
