// Scroll each screenshot's frame to the passage the page points at (a search hit, a claim's citation), else to
// the first cited passage: a full-page screenshot is much taller than its frame.
(function () {
  for (const frame of document.querySelectorAll('.screenshot-frame')) {
    const mark = frame.querySelector('rect.mark.hit') || frame.querySelector('rect.mark');
    if (!mark) continue;
    const above = mark.getBoundingClientRect().top - frame.getBoundingClientRect().top;
    frame.scrollTop += above - frame.clientHeight / 3;
  }
})();
