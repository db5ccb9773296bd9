// Selecting text in a capture fills the cite form with the exact passage and where it starts.
// Offsets sent to the server count code points (Python str indices); the DOM counts UTF-16 units.
(function () {
  "use strict";
  var text = document.getElementById("capture-text");
  var button = document.getElementById("cite-selection");
  var quote = document.getElementById("cite-quote");
  var position = document.getElementById("cite-position");
  if (!text || !button || !quote || !position) { return; }

  function codePoints(s) { return Array.from(s).length; }

  // The code-point offset of (node, offset) in the capture text, from the enclosing span's data-start.
  function offsetOf(node, offset) {
    var el = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    var span = el && el.closest ? el.closest("span.t") : null;
    if (!span || !text.contains(span)) { return null; }
    var start = parseInt(span.getAttribute("data-start"), 10);
    if (node.nodeType !== Node.TEXT_NODE) { return start; }
    return start + codePoints(node.textContent.slice(0, offset));
  }

  function currentSelection() {
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) { return null; }
    var range = sel.getRangeAt(0);
    if (!text.contains(range.commonAncestorContainer)) { return null; }
    var start = offsetOf(range.startContainer, range.startOffset);
    var quoted = sel.toString();
    if (start === null || !quoted.trim()) { return null; }
    // Leading white space is trimmed by the server; move the position past it too.
    var lead = quoted.length - quoted.replace(/^\s+/, "").length;
    return { quote: quoted.trim(), start: start + codePoints(quoted.slice(0, lead)), rect: range.getBoundingClientRect() };
  }

  document.addEventListener("selectionchange", function () {
    var picked = currentSelection();
    if (!picked) { button.hidden = true; return; }
    button.hidden = false;
    button.style.top = (window.scrollY + picked.rect.bottom + 6) + "px";
    // Kept inside the viewport: a selection near the right edge of a phone must not widen the page.
    var room = document.documentElement.clientWidth - button.offsetWidth - 8;
    button.style.left = (window.scrollX + Math.max(0, Math.min(picked.rect.left, room))) + "px";
  });

  button.addEventListener("mousedown", function (event) { event.preventDefault(); });
  button.addEventListener("click", function () {
    var picked = currentSelection();
    if (!picked) { return; }
    quote.value = picked.quote;
    position.value = String(picked.start);
    button.hidden = true;
    document.getElementById("cite").scrollIntoView({ behavior: "smooth", block: "start" });
    var claim = document.getElementById("cite-claim");
    (claim && claim.options.length > 1 ? claim : document.getElementById("cite-new-claim")).focus();
  });

  // Editing the quote by hand makes the remembered position a hint only; the server still checks the text.
  quote.addEventListener("input", function () { if (!quote.value.trim()) { position.value = ""; } });

  var hit = document.getElementById("hit");
  if (hit) { hit.scrollIntoView({ block: "center" }); }
})();
