"""The script the visit runs in the page at the moment of capture: the rendered DOM and where its text stands.

It runs once, synchronously, after the page's own scripts were stopped (ingest/browser.py), so the DOM it
serializes and the boxes it measures are of the same moment, which the screenshot then shows.

What it measures (archive/layout.py reads it): the page's visible text in blocks, a block being the text
under one block-level element (runs of inline elements stay in their block; <br> is a space), each block's
text with white space collapsed as the extracted text collapses it, the box around it, and its lines: for
every run of words on one line, [start, end) in the block's text and the box (x, y, width, height) in CSS
pixels of the whole page, which are the screenshot's pixels (device scale 1). Hidden text (display: none,
visibility: hidden) is left out: nothing of it is in the screenshot. Past `maxWords` words, blocks keep their
box but no lines.
"""

MEASURE_AND_SERIALIZE = """(limits) => {
  const root = document.body || document.documentElement;
  const result = {dom: '', width: 0, height: 0, blocks: []};
  if (document.doctype) result.dom = new XMLSerializer().serializeToString(document.doctype);
  if (document.documentElement) result.dom += document.documentElement.outerHTML;
  if (!root) return result;
  result.width = Math.max(document.documentElement.scrollWidth, root.scrollWidth);
  result.height = Math.max(document.documentElement.scrollHeight, root.scrollHeight);
  const dx = window.scrollX, dy = window.scrollY;
  const unseen = 'script, style, noscript, template, head, title';
  const blockOf = new Map();
  const blockAround = (element) => {
    if (blockOf.has(element)) return blockOf.get(element);
    let found = element;
    while (found !== root && found.parentElement) {
      const display = getComputedStyle(found).display;
      if (!display.startsWith('inline') && display !== 'contents') break;
      found = found.parentElement;
    }
    blockOf.set(element, found);
    return found;
  };
  const range = document.createRange();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  let current = null, gap = false, words = 0;
  const open = (element) => {
    current = {element, text: '', box: null, pieces: []};
    result.blocks.push(current);
    gap = false;
  };
  const widen = (box, r) => box ? [Math.min(box[0], r.left), Math.min(box[1], r.top), Math.max(box[2], r.right),
                                  Math.max(box[3], r.bottom)] : [r.left, r.top, r.right, r.bottom];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.ELEMENT_NODE) {
      if (node.tagName === 'BR') gap = true;
      continue;
    }
    const parent = node.parentElement;
    if (!parent || !/\\S/.test(node.data) || parent.closest(unseen)) continue;
    if (!parent.checkVisibility({visibilityProperty: true})) continue;
    const block = blockAround(parent);
    if (!current || current.element !== block) {
      if (result.blocks.length >= limits.maxBlocks) break;
      open(block);
    }
    range.selectNodeContents(node);
    const whole = range.getBoundingClientRect();
    if (whole.width > 0 || whole.height > 0) current.box = widen(current.box, whole);
    const pattern = /\\S+/g;
    let match, last = 0;
    while ((match = pattern.exec(node.data))) {
      if (match.index > last) gap = true;
      if (current.text && gap) current.text += ' ';
      const start = current.text.length;
      current.text += match[0];
      gap = false;
      last = match.index + match[0].length;
      if (++words > limits.maxWords) continue;
      range.setStart(node, match.index);
      range.setEnd(node, last);
      for (const r of range.getClientRects()) {
        if (r.width > 0 && r.height > 0) current.pieces.push([start, current.text.length, r.left, r.top, r.right, r.bottom]);
      }
    }
    if (last < node.data.length) gap = true;
  }
  const px = (value, shift) => Math.round(value + shift);
  result.blocks = result.blocks.filter(b => b.text && b.box).map(b => {
    const lines = [];
    for (const [start, end, left, top, right, bottom] of b.pieces) {
      const line = lines[lines.length - 1];
      const middle = (top + bottom) / 2;
      if (line && middle >= line[3] && middle <= line[5]) {  // on the same line (either direction of writing)
        line[1] = end; line[2] = Math.min(line[2], left); line[4] = Math.max(line[4], right);
        line[3] = Math.min(line[3], top); line[5] = Math.max(line[5], bottom);
      } else {
        lines.push([start, end, left, top, right, bottom]);
      }
    }
    const box = (l, t, r, bt) => [px(l, dx), px(t, dy), Math.round(r - l), Math.round(bt - t)];
    return {text: b.text, box: box(...b.box),
            lines: lines.map(([start, end, l, t, r, bt]) => [start, end, ...box(l, t, r, bt)])};
  });
  return result;
}"""
