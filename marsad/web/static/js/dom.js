// Building DOM nodes without HTML strings: every text from the server goes in
// as a text node or an attribute value, never through innerHTML.

const SVG_NS = 'http://www.w3.org/2000/svg';

function build(el, attrs, children) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.setAttribute('class', value);
    // through the CSSOM: the page's CSP refuses inline style attributes
    else if (key === 'style') Object.assign(el.style, value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** An HTML element: h('a', {href: '#/'}, 'text', otherNode). */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** An SVG element. */
export function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

/** Arabic text: always right-to-left, whatever the page direction. */
export function ar(tag, text, attrs = {}) {
  return h(tag, { ...attrs, dir: 'rtl', lang: 'ar', class: ['ar', attrs.class].filter(Boolean).join(' ') }, text);
}

/** Only web addresses become links (no javascript: or data: URLs from stored metadata). */
export function safeHref(url) {
  return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : null;
}

/** Text cut to ``n`` characters (by code point, so no half surrogate pairs). */
export function cut(text, n) {
  const chars = Array.from(text || '');
  return chars.length > n ? chars.slice(0, n).join('') + '…' : chars.join('');
}

/**
 * Split ``text`` at the edges of ``spans`` ({start, end, ...} in code points,
 * as the API counts them) into [{text, spans: [covering spans]}] pieces.
 */
export function segments(text, spans) {
  const chars = Array.from(text || '');
  const n = chars.length;
  const valid = spans.filter((sp) => Number.isInteger(sp.start) && Number.isInteger(sp.end)
    && sp.start >= 0 && sp.end <= n && sp.start < sp.end);
  const cuts = new Set([0, n]);
  for (const sp of valid) { cuts.add(sp.start); cuts.add(sp.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    out.push({ start: a, end: b, text: chars.slice(a, b).join(''), spans: valid.filter((sp) => sp.start <= a && sp.end >= b) });
  }
  return out;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

export function fmt(n) {
  return Number(n || 0).toLocaleString('en-US');
}
