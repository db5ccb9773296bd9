// Dragging on the picture of a page or on a screenshot selects a region of it; "Cite this region…" puts it in the
// cite form as PAGE:X,Y,WIDTH,HEIGHT in the picture's own pixels (the SVG's coordinates), which the server checks.
(function () {
  "use strict";
  var field = document.getElementById("cite-region");
  var pictures = document.querySelectorAll("svg[data-region-page]");
  if (!field || !pictures.length) { return; }
  var SVG = "http://www.w3.org/2000/svg";
  var button = document.createElement("button");
  button.type = "button";
  button.id = "cite-region-button";
  button.className = "floating";
  button.textContent = "Cite this region…";
  button.hidden = true;
  document.body.appendChild(button);
  var picked = null;

  // Where the pointer is, in the picture's pixels, kept inside the picture.
  function pointIn(svg, event) {
    var screen = svg.createSVGPoint();
    screen.x = event.clientX;
    screen.y = event.clientY;
    var at = screen.matrixTransform(svg.getScreenCTM().inverse());
    var box = svg.viewBox.baseVal;
    return { x: Math.min(Math.max(at.x, box.x), box.x + box.width),
             y: Math.min(Math.max(at.y, box.y), box.y + box.height) };
  }

  // Whole pixels around the dragged rectangle, as the region is stored.
  function draw(rect, from, to) {
    var x = Math.floor(Math.min(from.x, to.x)), y = Math.floor(Math.min(from.y, to.y));
    var region = { x: x, y: y, w: Math.ceil(Math.max(from.x, to.x)) - x, h: Math.ceil(Math.max(from.y, to.y)) - y };
    rect.setAttribute("x", region.x);
    rect.setAttribute("y", region.y);
    rect.setAttribute("width", region.w);
    rect.setAttribute("height", region.h);
    rect.setAttribute("visibility", "visible");
    return region;
  }

  pictures.forEach(function (svg) {
    var rect = document.createElementNS(SVG, "rect");
    rect.setAttribute("class", "selection");
    rect.setAttribute("visibility", "hidden");
    svg.appendChild(rect);
    var from = null;
    svg.addEventListener("pointerdown", function (event) {
      if (event.button !== 0) { return; }
      event.preventDefault();  // no dragging of the image itself, no text selection
      from = pointIn(svg, event);
      svg.setPointerCapture(event.pointerId);
      button.hidden = true;
    });
    svg.addEventListener("pointermove", function (event) {
      if (from) { draw(rect, from, pointIn(svg, event)); }
    });
    svg.addEventListener("pointerup", function (event) {
      if (!from) { return; }
      var region = draw(rect, from, pointIn(svg, event));
      from = null;
      if (region.w < 2 || region.h < 2) {  // a click, not a drag
        rect.setAttribute("visibility", "hidden");
        picked = null;
        return;
      }
      picked = svg.getAttribute("data-region-page") + ":" + [region.x, region.y, region.w, region.h].join(",");
      var shown = rect.getBoundingClientRect();
      button.hidden = false;
      button.style.top = (window.scrollY + shown.bottom + 6) + "px";
      var room = document.documentElement.clientWidth - button.offsetWidth - 8;
      button.style.left = (window.scrollX + Math.max(0, Math.min(shown.left, room))) + "px";
    });
  });

  button.addEventListener("click", function () {
    if (!picked) { return; }
    field.value = picked;
    button.hidden = true;
    document.getElementById("cite").scrollIntoView({ behavior: "smooth", block: "start" });
    var claim = document.getElementById("cite-claim");
    (claim && claim.options.length > 1 ? claim : document.getElementById("cite-new-claim")).focus();
  });
})();
