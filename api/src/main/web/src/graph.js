// The trace as a graph of addresses (Cytoscape.js, laid out left to right by dagre, which is
// deterministic: the same trace draws the same picture). An entity's addresses are one node until
// expanded; edge width follows the tainted amount; terminals are coloured by category. Clicking a
// node can add its next hop from the counterparties route: those edges are dashed, because they are
// plain transfers, not traced taint.
import cytoscape from 'cytoscape';
import dagre from 'cytoscape-dagre';
import { add, format, toNumber } from './amount.js';
import { colour } from './categories.js';
import { shortAddress } from './text.js';

cytoscape.use(dagre);

const STYLE = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(colour)',
      label: 'data(label)',
      'font-family': 'Inter, "Segoe UI", system-ui, sans-serif',
      'font-size': 12,
      color: '#1c2733',
      'text-valign': 'bottom',
      'text-halign': 'center',
      'text-margin-y': 5,
      'text-wrap': 'wrap',
      'text-max-width': 130,
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': 2,
      width: 'data(size)',
      height: 'data(size)',
      'border-width': 1,
      'border-color': '#ffffff',
    },
  },
  { selector: 'node.entity', style: { shape: 'round-rectangle', width: 'data(wide)', 'font-weight': 600 } },
  { selector: 'node.seed', style: { 'border-width': 3, 'border-color': '#7f0000' } },
  { selector: 'node.holder', style: { 'border-width': 2, 'border-style': 'dashed', 'border-color': '#37474f' } },
  { selector: 'node.untraced', style: { 'background-opacity': 0.55, 'border-style': 'dashed', 'border-color': '#78909c', 'border-width': 1 } },
  {
    selector: ':parent',
    style: {
      shape: 'round-rectangle',
      'background-color': 'data(colour)',
      'background-opacity': 0.08,
      'border-color': 'data(colour)',
      'border-width': 1.5,
      'border-style': 'solid',
      'text-valign': 'top',
      'text-margin-y': -4,
      'font-weight': 600,
      padding: 14,
    },
  },
  { selector: 'node:selected', style: { 'background-color': 'data(colour)', 'border-width': 3, 'border-color': '#ffb300', 'overlay-opacity': 0 } },
  {
    selector: 'edge',
    style: {
      width: 'data(width)',
      'line-color': '#8d99a6',
      'target-arrow-color': '#8d99a6',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.9,
      'curve-style': 'bezier',
      label: 'data(label)',
      'font-size': 10,
      color: '#37474f',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.9,
      'text-background-padding': 1,
      opacity: 0.9,
    },
  },
  { selector: 'edge.untraced', style: { 'line-style': 'dashed', 'line-color': '#b0bec5', 'target-arrow-color': '#b0bec5', color: '#78909c' } },
  { selector: 'edge:selected', style: { 'line-color': '#ffb300', 'target-arrow-color': '#ffb300' } },
];

/** The interactive graph of one trace result. */
export class TraceGraph {
  /**
   * @param container an element with a size
   * @param result    the trace result (TraceResult JSON)
   * @param onSelect  called with {kind: 'node'|'edge'|'none', ...} when the user clicks
   */
  constructor(container, result, onSelect) {
    this.result = result;
    this.chain = result.parameters.chain;
    this.asset = result.parameters.asset.symbol ?? result.parameters.asset.contract;
    this.seeds = new Set(result.parameters.seeds);
    this.endpoints = new Map(result.endpoints.map((e) => [e.address, e]));
    this.holders = new Map(result.holders.map((x) => [x.address, x]));
    this.attributions = new Map();
    this.expanded = new Set();
    this.nextHops = new Map(); // address -> counterparty rows added by "expand next hop"
    this.onSelect = onSelect;
    this.cy = cytoscape({
      container,
      style: STYLE,
      minZoom: 0.1,
      maxZoom: 3,
      boxSelectionEnabled: false,
    });
    this.cy.on('tap', 'node', (event) => this.onSelect(this.describeNode(event.target.id())));
    this.cy.on('tap', 'edge', (event) => this.onSelect({ kind: 'edge', ...event.target.data() }));
    this.cy.on('tap', (event) => {
      if (event.target === this.cy) this.onSelect({ kind: 'none' });
    });
    this.cy.on('dbltap', 'node', (event) => {
      const entity = event.target.data('entityId');
      if (entity) this.toggleEntity(entity);
    });
    this.render();
  }

  /** Labels, categories and entities for addresses the trace itself does not attribute (POST /attributions). */
  setAttributions(map) {
    for (const [address, a] of Object.entries(map)) this.attributions.set(address, a);
    this.render();
  }

  /** Every address in the picture: the trace's, and the next hops the user added. */
  addresses() {
    const all = new Set(this.seeds);
    for (const f of this.result.flows) {
      all.add(f.from);
      all.add(f.to);
    }
    for (const rows of this.nextHops.values()) rows.forEach((r) => all.add(r.address));
    return [...all].sort();
  }

  entityOf(address) {
    const endpoint = this.endpoints.get(address);
    if (endpoint?.entity) return endpoint.entity;
    const attributed = this.attributions.get(address)?.entity;
    if (attributed) return attributed;
    for (const rows of this.nextHops.values()) {
      const row = rows.find((r) => r.address === address && r.entity);
      if (row) return row.entity;
    }
    return null;
  }

  categoryOf(address) {
    if (this.seeds.has(address)) return 'seed';
    const endpoint = this.endpoints.get(address);
    if (endpoint) return endpoint.category ?? endpoint.entity?.category ?? 'unattributed';
    const a = this.attributions.get(address);
    const category = a?.category ?? a?.entity?.category ?? this.entityOf(address)?.category;
    if (category) return category;
    return this.inTrace(address) ? 'holder' : 'untraced';
  }

  inTrace(address) {
    return this.seeds.has(address) || this.result.flows.some((f) => f.from === address || f.to === address);
  }

  labelsOf(address) {
    return this.attributions.get(address)?.labels ?? [];
  }

  nodeId(address) {
    const entity = this.entityOf(address);
    if (entity && !this.expanded.has(entity.id) && !this.seeds.has(address)) return 'e:' + entity.id;
    return 'a:' + address;
  }

  toggleEntity(id) {
    if (this.expanded.has(id)) this.expanded.delete(id);
    else this.expanded.add(id);
    this.render();
  }

  setAllExpanded(expanded) {
    this.expanded.clear();
    if (expanded) this.addresses().forEach((a) => { const e = this.entityOf(a); if (e) this.expanded.add(e.id); });
    this.render();
  }

  /** Adds an address's outgoing counterparties (from GET …/counterparties?direction=out) as its next hop. */
  addNextHop(address, rows) {
    this.nextHops.set(address, rows);
    this.render();
    this.onNodesAdded?.();
  }

  /** Builds the elements from the model and lays them out. */
  render() {
    const nodes = new Map();
    const touch = (address) => {
      const id = this.nodeId(address);
      let node = nodes.get(id);
      if (!node) {
        node = { id, addresses: [], received: '0', sent: '0', hop: Infinity };
        nodes.set(id, node);
      }
      if (!node.addresses.includes(address)) node.addresses.push(address);
      return node;
    };
    const holderHop = (address) => this.holders.get(address)?.hop ?? Infinity;
    this.seeds.forEach((s) => { touch(s).hop = 0; });

    const edges = new Map();
    for (const f of this.result.flows) {
      const from = touch(f.from);
      const to = touch(f.to);
      from.sent = add(from.sent, f.taintedAmount);
      to.received = add(to.received, f.taintedAmount);
      from.hop = Math.min(from.hop, f.hop - 1);
      to.hop = Math.min(to.hop, f.hop, holderHop(f.to));
      if (from.id === to.id) continue; // moves inside one collapsed entity
      const key = from.id + '>' + to.id;
      const edge = edges.get(key) ?? { id: 'f:' + key, source: from.id, target: to.id, tainted: '0', amount: '0', flows: [], untraced: false };
      edge.tainted = add(edge.tainted, f.taintedAmount);
      edge.amount = add(edge.amount, f.amount);
      edge.flows.push(f);
      edges.set(key, edge);
    }
    for (const [address, rows] of [...this.nextHops.entries()].sort()) {
      const from = touch(address);
      for (const row of rows) {
        const to = touch(row.address);
        to.hop = Math.min(to.hop, from.hop + 1);
        if (from.id === to.id) continue;
        const key = from.id + '>' + to.id;
        if (edges.has(key) && !edges.get(key).untraced) continue; // the traced edge says more
        const edge = edges.get(key) ?? { id: 'n:' + key, source: from.id, target: to.id, tainted: null, amount: '0', rows: [], untraced: true };
        edge.amount = add(edge.amount, row.amount);
        edge.rows.push({ ...row, from: address });
        edges.set(key, edge);
      }
    }

    const maxTaint = Math.max(1e-18, ...[...edges.values()].filter((e) => !e.untraced).map((e) => toNumber(e.tainted)));
    const maxAmount = Math.max(1e-18, ...[...edges.values()].filter((e) => e.untraced).map((e) => toNumber(e.amount)));
    const parents = new Map();
    const elements = [];
    const ordered = [...nodes.values()].sort((a, b) => a.hop - b.hop || a.id.localeCompare(b.id));
    for (const node of ordered) {
      const address = node.addresses[0];
      const entity = node.id.startsWith('e:') ? this.entityOf(address) : null;
      const category = this.categoryOf(address);
      const data = {
        id: node.id,
        addresses: [...node.addresses].sort(),
        category,
        colour: colour(category),
        received: node.received,
        sent: node.sent,
        entityId: this.entityOf(address)?.id ?? null,
        size: this.seeds.has(address) ? 34 : this.endpoints.has(address) || entity ? 30 : 22,
      };
      data.label = this.nodeLabel(node, entity, address, category);
      data.wide = Math.max(40, Math.min(150, 7 * (entity?.name.length ?? 8)));
      const owner = !entity && data.entityId && this.expanded.has(data.entityId) && !this.seeds.has(address) ? this.entityOf(address) : null;
      if (owner) {
        data.parent = 'g:' + owner.id;
        parents.set(data.parent, owner);
      }
      const classes = [entity ? 'entity' : 'address', category === 'seed' ? 'seed' : '', category === 'holder' ? 'holder' : '',
        category === 'untraced' || (!this.inTrace(address) && !entity) ? 'untraced' : ''].join(' ');
      elements.push({ group: 'nodes', data, classes });
    }
    for (const [id, entity] of [...parents.entries()].sort()) {
      elements.unshift({ group: 'nodes', data: { id, label: entity.name, colour: colour(entity.category), entityId: entity.id, category: entity.category, size: 20, wide: 20 }, classes: 'group' });
    }
    for (const edge of [...edges.values()].sort((a, b) => a.id.localeCompare(b.id))) {
      const figure = edge.untraced ? edge.amount : edge.tainted;
      const ratio = toNumber(figure) / (edge.untraced ? maxAmount : maxTaint);
      elements.push({
        group: 'edges',
        data: { ...edge, label: format(figure), width: 1.2 + 11 * Math.sqrt(Math.max(0, ratio)) },
        classes: edge.untraced ? 'untraced' : 'traced',
      });
    }
    const selected = this.cy.$(':selected').map((e) => e.id());
    this.cy.batch(() => {
      this.cy.elements().remove();
      this.cy.add(elements);
    });
    selected.forEach((id) => this.cy.getElementById(id).select());
    this.cy.layout({
      name: 'dagre',
      rankDir: 'LR',
      nodeSep: 14,
      rankSep: 45,
      nodeDimensionsIncludeLabels: true,
      edgeSep: 12,
      ranker: 'network-simplex',
      fit: true,
      padding: 24,
      animate: false,
    }).run();
    this.elements = elements;
    this.onChange?.();
  }

  nodeLabel(node, entity, address, category) {
    const name = entity?.name ?? this.entityOf(address)?.name ?? this.labelsOf(address)[0] ?? shortAddress(address);
    const lines = [name];
    if (entity && node.addresses.length > 1) lines[0] += ` (${node.addresses.length})`;
    else if (name !== shortAddress(address)) lines.push(shortAddress(address));
    if (category === 'seed') lines.push('sent ' + format(node.sent) + ' ' + this.asset);
    else if (node.received !== '0') lines.push(format(node.received) + ' ' + this.asset);
    return lines.join('\n');
  }

  /** What the details panel shows for a node. */
  describeNode(id) {
    const el = this.cy.getElementById(id);
    const data = el.data();
    const entityId = data.entityId;
    const address = data.addresses?.length === 1 ? data.addresses[0] : null;
    return {
      kind: el.isParent() ? 'group' : 'node',
      id,
      address,
      addresses: data.addresses ?? el.children().map((c) => c.data('addresses')[0]),
      entity: entityId ? this.entityOf(data.addresses?.[0] ?? el.children()[0]?.data('addresses')[0]) : null,
      expanded: entityId ? this.expanded.has(entityId) : false,
      category: data.category,
      received: data.received,
      sent: data.sent,
      seed: address ? this.seeds.has(address) : false,
      endpoint: address ? this.endpoints.get(address) ?? null : null,
      holder: address ? this.holders.get(address) ?? null : null,
      labels: address ? this.labelsOf(address) : [],
      nextHop: address ? this.nextHops.has(address) : false,
    };
  }

  /** The picture as text, node by node: for screen readers, and for the browser test to read. */
  describe() {
    return this.cy.nodes().filter((n) => !n.isParent()).map((n) => ({
      id: n.id(),
      label: n.data('label').replace(/\n/g, ' · '),
      category: n.data('category'),
      received: n.data('received'),
    }));
  }

  /** Selects a node as a click would, and brings it into view. */
  select(id) {
    const node = this.cy.getElementById(id);
    if (node.empty()) return;
    this.cy.$(':selected').unselect();
    node.select();
    this.cy.animate({ center: { eles: node } }, { duration: 200 });
    this.onSelect(this.describeNode(id));
  }

  categories() {
    return [...new Set(this.cy.nodes().filter((n) => !n.isParent()).map((n) => n.data('category')))];
  }

  fit() {
    this.cy.resize();
    this.cy.fit(undefined, 24);
  }

  png() {
    return this.cy.png({ full: true, scale: 2, bg: '#ffffff', output: 'blob' });
  }

  destroy() {
    this.cy.destroy();
  }
}
