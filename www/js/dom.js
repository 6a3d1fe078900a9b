//! Tiny DOM helpers: build elements from data without innerHTML (no markup injection, nothing
//! the Content-Security-Policy would block: no inline style attributes, no inline handlers).

/**
 * Creates an element. `attrs` keys: `class`, `text`, `hidden`, `dataset` (object), `on` (object of
 * listeners), boolean attributes as true/false, anything else as an attribute string.
 * Children may be nodes, strings, arrays, or null/false (skipped).
 * @param {string} tag
 * @param {Record<string, any>} [attrs]
 * @param {...any} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = Array.isArray(v) ? v.filter(Boolean).join(' ') : v;
    else if (k === 'text') el.textContent = String(v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    else if (k === 'value' && 'value' in el) el.value = v;
    else if (k === 'checked' || k === 'selected' || k === 'open') el[k] = Boolean(v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

/** Appends children (nodes, strings, nested arrays; null/false skipped). */
export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** Replaces every child of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/**
 * Makes the children of `el` what `replace(el, ...children)` would make them, keeping the nodes
 * that are already right: an element of the same tag at the same place stays, with its
 * attributes and children made the same; a text is changed in place only when it differs. So a
 * redraw touches only what changed, and the browser lays out, shapes and paints only that
 * (rebuilding a list of Japanese text means shaping it all again: the dearest part of a redraw).
 * Form controls and canvases are never kept (their state is in properties, not attributes);
 * listeners of a kept element stay its own, so parts drawn with listeners are for `replace`.
 */
export function morph(el, ...children) {
  const next = document.createDocumentFragment();
  append(next, children);
  morphChildren(el, [...next.childNodes]);
  return el;
}

const NEVER_KEPT = new Set(['input', 'textarea', 'select', 'option', 'canvas', 'img']);

function morphChildren(el, want) {
  let cur = el.firstChild;
  for (let i = 0; i < want.length; i++) {
    const w = want[i];
    // One entry added or taken out of a list (a next step, an item to check): the entries
    // after it are kept as they are rather than each rewritten with its neighbour's text.
    if (cur && !cur.isEqualNode(w)) {
      if (want[i + 1] && cur.isEqualNode(want[i + 1])) {
        el.insertBefore(w, cur);
        continue;
      }
      if (cur.nextSibling?.isEqualNode(w)) {
        const gone = cur;
        cur = cur.nextSibling;
        gone.remove();
      }
    }
    const keep = cur && cur.nodeType === w.nodeType && (w.nodeType !== 1 || (cur.localName === w.localName && !NEVER_KEPT.has(w.localName)));
    if (!keep) {
      el.insertBefore(w, cur);
      continue;
    }
    if (cur.isEqualNode(w)) {
      // The same subtree (compared natively, at once): nothing to touch.
    } else if (w.nodeType === 1) {
      for (const { name, value } of w.attributes) if (cur.getAttribute(name) !== value) cur.setAttribute(name, value);
      for (const name of cur.getAttributeNames()) if (!w.hasAttribute(name)) cur.removeAttribute(name);
      morphChildren(cur, [...w.childNodes]);
    } else if (cur.data !== w.data) cur.data = w.data;
    cur = cur.nextSibling;
  }
  while (cur) {
    const n = cur.nextSibling;
    cur.remove();
    cur = n;
  }
}

/**
 * Replaces every child of `el` except the nodes in `keep`, which stay where they are (a shadow
 * root's stylesheet links: a link taken out and put back loads and parses its sheet again, and
 * restyles the whole root).
 */
export function replaceExcept(el, keep, ...children) {
  const kept = new Set(keep);
  for (const n of [...el.childNodes]) if (!kept.has(n)) n.remove();
  return append(el, children);
}

/**
 * Runs `fn` when the browser is idle (requestIdleCallback; a timeout elsewhere), at the latest
 * after `timeout` ms. Returns a function that cancels it.
 */
export function whenIdle(fn, timeout = 1000) {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(() => fn(), { timeout });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(fn, 1);
  return () => clearTimeout(id);
}

/**
 * Runs `fn` once the browser has painted the next frame: from a message posted in that frame's
 * requestAnimationFrame callback (the message's task comes after the frame's paint), so what the
 * current task changed is on screen before `fn` runs. Where no frame comes (a hidden tab) it runs
 * after `timeout` ms all the same.
 */
export function afterPaint(fn, timeout = 500) {
  let timer = 0;
  const run = () => {
    if (!timer) return;
    clearTimeout(timer);
    timer = 0;
    fn();
  };
  timer = setTimeout(run, timeout);
  requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = run;
    ch.port2.postMessage(0);
  });
}

/** Sets an element's text, unless it is that already (a text written again is laid out again). */
export function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

/** A document-unique id from a readable stem (ids of items are [a-z0-9_]). */
export const idFor = (...parts) => parts.join('-').replace(/[^A-Za-z0-9_-]/g, '_');
