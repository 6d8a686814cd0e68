// The trace as a flow (Sankey) diagram: seeds on the left, the addresses the proceeds passed
// through, and the endpoint entities where they ended on the right; band width is the tainted
// amount. Figures on the bands and nodes are exact sums of the API's strings; only the drawing uses
// floating point. A Sankey layout needs an acyclic graph: a flow that closes a cycle (money sent
// back to an earlier address) is left out of the drawing, and the diagram says how many were.
import { sankey, sankeyLinkHorizontal, sankeyJustify } from 'd3-sankey';
import { add, format, toNumber } from './amount.js';
import { colour } from './categories.js';
import { categoryName, shortAddress } from './text.js';
import { h } from './dom.js';

/** Nodes and links of the diagram from a trace result, with attributions for the unnamed middle. */
export function sankeyModel(result, attributions = new Map()) {
  const seeds = new Set(result.parameters.seeds);
  const endpoints = new Map(result.endpoints.map((e) => [e.address, e]));
  const keyOf = (address) => {
    const endpoint = endpoints.get(address);
    if (endpoint && !seeds.has(address)) return endpoint.entity ? 'e:' + endpoint.entity.id : 'a:' + address;
    return 'a:' + address;
  };
  const nodes = new Map();
  const node = (address) => {
    const key = keyOf(address);
    if (!nodes.has(key)) {
      const endpoint = endpoints.get(address);
      const attributed = attributions.get(address);
      const seed = seeds.has(address);
      const name = seed ? shortAddress(address)
        : endpoint?.entity?.name ?? attributed?.entity?.name ?? attributed?.labels?.[0] ?? shortAddress(address);
      const category = seed ? 'seed' : endpoint ? endpoint.category ?? 'unattributed'
        : attributed?.category ?? attributed?.entity?.category ?? 'holder';
      nodes.set(key, { key, name, category, title: seed ? 'Seed ' + address : endpoint?.entity ? `${name} (${categoryName(category)})` : address, total: '0' });
    }
    return nodes.get(key);
  };
  result.parameters.seeds.forEach(node);

  const links = new Map();
  for (const f of result.flows) {
    if (f.taintedAmount === '0' || /^0(\.0+)?$/.test(f.taintedAmount)) continue;
    const source = node(f.from);
    const target = node(f.to);
    if (source === target) continue;
    const key = source.key + '>' + target.key;
    const link = links.get(key) ?? { key, source: source.key, target: target.key, tainted: '0', flows: 0 };
    link.tainted = add(link.tainted, f.taintedAmount);
    link.flows += 1;
    links.set(key, link);
  }
  // Drop the links that close a cycle, found by a depth-first walk in a fixed order.
  const out = new Map();
  [...links.values()].sort((a, b) => a.key.localeCompare(b.key)).forEach((l) => {
    if (!out.has(l.source)) out.set(l.source, []);
    out.get(l.source).push(l);
  });
  const state = new Map();
  const cyclic = new Set();
  const visit = (key) => {
    state.set(key, 'open');
    for (const l of out.get(key) ?? []) {
      const s = state.get(l.target);
      if (s === 'open') cyclic.add(l.key);
      else if (!s) visit(l.target);
    }
    state.set(key, 'done');
  };
  [...nodes.keys()].forEach((k) => { if (!state.has(k)) visit(k); });
  const kept = [...links.values()].filter((l) => !cyclic.has(l.key));
  for (const l of kept) {
    const target = nodes.get(l.target);
    target.total = add(target.total, l.tainted);
  }
  for (const n of nodes.values()) {
    if (n.category === 'seed') n.total = kept.filter((l) => l.source === n.key).reduce((t, l) => add(t, l.tainted), '0');
  }
  const used = new Set(kept.flatMap((l) => [l.source, l.target]));
  return { nodes: [...nodes.values()].filter((n) => used.has(n.key)), links: kept, droppedCycles: cyclic.size };
}

/** Draws the model into an SVG sized to the container's width. */
export function drawSankey(model, { width, asset }) {
  const height = Math.max(360, Math.min(1400, 34 * model.nodes.length));
  const margin = { top: 12, right: 8, bottom: 12, left: 8 };
  const svg = h('svg:svg', {
    viewBox: `0 0 ${width} ${height}`, width, height, class: 'sankey', role: 'img',
    'aria-label': `Flow diagram: ${model.nodes.length} nodes, ${model.links.length} flows of tainted ${asset}`,
  });
  if (model.links.length === 0) return svg;
  const layout = sankey()
    .nodeId((n) => n.key)
    .nodeAlign(sankeyJustify)
    .nodeWidth(14)
    .nodePadding(18)
    .nodeSort((a, b) => a.key.localeCompare(b.key))
    .extent([[margin.left, margin.top], [width - margin.right, height - margin.bottom]]);
  const graph = layout({
    nodes: model.nodes.map((n) => ({ ...n })),
    links: model.links.map((l) => ({ ...l, value: toNumber(l.tainted) })),
  });
  const path = sankeyLinkHorizontal();
  const linkLayer = h('svg:g', { class: 'links', fill: 'none' });
  for (const l of graph.links) {
    linkLayer.append(h('svg:path', {
      // Bands into a terminal take its colour: where the money ended is what the diagram is read for.
      d: path(l), stroke: colour(['seed', 'holder'].includes(l.target.category) ? l.source.category : l.target.category), 'stroke-opacity': 0.32, 'stroke-width': Math.max(1, l.width),
    }, h('svg:title', null, `${l.source.name} → ${l.target.name}: ${format(l.tainted)} ${asset} tainted (${l.flows} transfer${l.flows === 1 ? '' : 's'})`)));
  }
  const nodeLayer = h('svg:g', { class: 'nodes' });
  for (const n of graph.nodes) {
    // Names to the right of their node, except in the last column, where they would leave the picture.
    const leftHalf = n.x1 < width - margin.right - 1;
    nodeLayer.append(h('svg:g', { class: 'sankey-node', 'data-key': n.key },
      h('svg:rect', { x: n.x0, y: n.y0, width: n.x1 - n.x0, height: Math.max(1, n.y1 - n.y0), fill: colour(n.category) },
        h('svg:title', null, `${n.title}: ${format(n.total)} ${asset}`)),
      h('svg:text', {
        x: leftHalf ? n.x1 + 6 : n.x0 - 6, y: (n.y0 + n.y1) / 2, dy: '-0.1em',
        'text-anchor': leftHalf ? 'start' : 'end', class: 'sankey-name' + (n.category === 'seed' ? ' mono' : ''),
      }, n.name),
      h('svg:text', {
        x: leftHalf ? n.x1 + 6 : n.x0 - 6, y: (n.y0 + n.y1) / 2, dy: '1.1em',
        'text-anchor': leftHalf ? 'start' : 'end', class: 'sankey-figure',
      }, `${format(n.total)} ${asset}`)));
  }
  svg.append(linkLayer, nodeLayer);
  return svg;
}
