// Amounts are decimal strings from the API ("224390.87") and stay strings: shown with thousands
// separators by string operations, summed and compared exactly with BigInt. Only widths and
// heights on screen use floating point (toNumber), never a figure shown or exported.

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

function parse(text) {
  const m = DECIMAL.exec(String(text));
  if (!m) throw new Error('not a decimal amount: ' + text);
  const fraction = m[3] ?? '';
  return { units: BigInt(m[1] + m[2] + fraction), scale: fraction.length };
}

function scaled(value, scale) {
  return value.units * 10n ** BigInt(scale - value.scale);
}

function render(units, scale) {
  const negative = units < 0n;
  let digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  let text = scale === 0 ? digits : digits.slice(0, -scale) + '.' + digits.slice(-scale);
  if (scale > 0) text = text.replace(/\.?0+$/, '');
  return (negative && text !== '0' ? '-' : '') + text;
}

/** a + b, exactly, as a plain decimal string without trailing zeros. */
export function add(a, b) {
  const x = parse(a);
  const y = parse(b);
  const scale = Math.max(x.scale, y.scale);
  return render(scaled(x, scale) + scaled(y, scale), scale);
}

/** a - b, exactly. */
export function subtract(a, b) {
  const x = parse(a);
  const y = parse(b);
  const scale = Math.max(x.scale, y.scale);
  return render(scaled(x, scale) - scaled(y, scale), scale);
}

/** The sum of a list of amounts ("0" when empty). */
export function sum(amounts) {
  return amounts.reduce((total, a) => add(total, a), '0');
}

/** -1, 0 or 1, exactly. */
export function compare(a, b) {
  const x = parse(a);
  const y = parse(b);
  const scale = Math.max(x.scale, y.scale);
  const d = scaled(x, scale) - scaled(y, scale);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** Whether a text is a decimal amount the API would accept. */
export function isAmount(text) {
  return DECIMAL.test(String(text).trim());
}

/** "1234567.5" -> "1,234,567.5"; the digits are the API's, untouched. */
export function format(text) {
  if (text === null || text === undefined) return '';
  const m = DECIMAL.exec(String(text));
  if (!m) return String(text);
  const whole = m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return m[1] + whole + (m[3] !== undefined ? '.' + m[3] : '');
}

/** For drawing only (edge widths, Sankey band heights): never shown as a figure. */
export function toNumber(text) {
  return Number(text);
}

/** A share as the API gives it ("0.691967") as a percentage, exactly ("69.1967 %"). */
export function percent(share) {
  const m = DECIMAL.exec(String(share));
  if (!m) return String(share);
  const fraction = (m[3] ?? '').padEnd(2, '0');
  const whole = (m[2] + fraction.slice(0, 2)).replace(/^0+(?=\d)/, '');
  const rest = fraction.slice(2).replace(/0+$/, '');
  return m[1] + whole + (rest ? '.' + rest : '') + ' %';
}
