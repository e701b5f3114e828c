/**
 * Simple charts drawn as inline SVG: no chart library, no inline style (the console's CSP has
 * no 'unsafe-inline'), colours from console.css. Bars sit in table cells beside the number they
 * draw, so the table is what screen readers read and the SVG is decoration (aria-hidden). A
 * hidden count ("fewer than N") gets no bar at all: its length would give the number away.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  return node;
}

function rtl(): boolean {
  return document.documentElement.dir === 'rtl';
}

/** Bar segments along one line, in reading direction; widths are shares of 100. */
function barSvg(segments: { share: number; className: string }[]): SVGSVGElement {
  const box = svg('svg', { class: 'chart-bar', viewBox: '0 0 100 10', preserveAspectRatio: 'none', 'aria-hidden': 'true', focusable: 'false' });
  box.append(svg('rect', { class: 'track', x: 0, y: 0, width: 100, height: 10 }));
  let at = 0;
  for (const s of segments) {
    const width = Math.max(0, Math.min(100 - at, s.share * 100));
    if (width <= 0) continue;
    box.append(svg('rect', { class: s.className, x: rtl() ? 100 - at - width : at, y: 0, width, height: 10 }));
    at += width;
  }
  return box;
}

/** One count against the largest in its chart; nothing drawn when it is hidden. */
function countBar(count: DeskCount, max: number): SVGSVGElement {
  return barSvg(count === null || max <= 0 ? [] : [{ share: count / max, className: 'fill' }]);
}

/** Columns, one per day, oldest first in reading direction; hidden days get a low grey mark, not a height. */
function columnChart(days: { day: string; count: DeskCount }[], label: string, describe: (d: { day: string; count: DeskCount }) => string): SVGSVGElement {
  const width = 10;
  const height = 100;
  const total = days.length * width;
  const max = Math.max(0, ...days.map((d) => d.count ?? 0));
  const chart = svg('svg', { class: 'columns', viewBox: `0 0 ${total} ${height}`, preserveAspectRatio: 'none', role: 'img', 'aria-label': label });
  days.forEach((d, i) => {
    const x = rtl() ? total - (i + 1) * width : i * width;
    const h = d.count === null ? 2 : max > 0 ? Math.max(1, (d.count / max) * height) : 0;
    const column = svg('rect', { class: d.count === null ? 'hidden-count' : 'fill', x: x + 1, y: height - h, width: width - 2, height: h });
    const title = svg('title', {});
    title.textContent = describe(d);
    column.append(title);
    chart.append(column);
  });
  return chart;
}
