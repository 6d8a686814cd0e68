// A table whose columns sort on a click of their header: amounts exactly (as decimals), numbers as
// numbers, text as text; ties keep the API's order, so the same data always reads the same way.
import { h, replace } from './dom.js';
import { compare } from './amount.js';

/**
 * @param columns [{key, label, type: 'text'|'amount'|'number', value: row => sortable value,
 *                  cell: row => node or text, class}]
 * @param rows    the rows, in the API's order
 * @param options {sort: key, descending: bool, caption, id}
 */
export function sortableTable(columns, rows, options = {}) {
  let sortKey = options.sort ?? null;
  let descending = options.descending ?? false;
  const body = h('tbody');
  const heads = columns.map((column) => {
    const button = h('button', { type: 'button', class: 'sort', onclick: () => sortBy(column.key) }, column.label);
    return h('th', { scope: 'col', class: column.type === 'text' ? '' : 'num', dataset: { key: column.key } }, button);
  });
  const table = h('table', { class: 'data', id: options.id },
    options.caption ? h('caption', null, options.caption) : null,
    h('thead', null, h('tr', null, heads)), body);

  function order() {
    const indexed = rows.map((row, i) => ({ row, i }));
    const column = columns.find((c) => c.key === sortKey);
    if (column) {
      const value = column.value ?? ((row) => row[column.key]);
      const cmp = column.type === 'amount' ? compare
        : column.type === 'number' ? (a, b) => a - b
          : (a, b) => String(a).localeCompare(String(b));
      indexed.sort((a, b) => {
        const va = value(a.row);
        const vb = value(b.row);
        const missing = (va === null || va === undefined) - (vb === null || vb === undefined);
        const d = missing || (va === null || va === undefined ? 0 : cmp(va, vb));
        return (descending ? -d : d) || a.i - b.i;
      });
    }
    return indexed.map((x) => x.row);
  }

  function render() {
    heads.forEach((th) => {
      const key = th.dataset.key;
      th.setAttribute('aria-sort', key === sortKey ? (descending ? 'descending' : 'ascending') : 'none');
    });
    replace(body, order().map((row) => h('tr', null, columns.map((c) => {
      const cell = c.cell ? c.cell(row) : row[c.key];
      return h('td', { class: (c.type === 'text' ? '' : 'num ') + (c.class ?? '') }, cell);
    }))));
  }

  function sortBy(key) {
    if (sortKey === key) descending = !descending;
    else {
      sortKey = key;
      descending = columns.find((c) => c.key === key)?.type !== 'text';
    }
    render();
  }

  render();
  return h('div', { class: 'table-wrap' }, table);
}
