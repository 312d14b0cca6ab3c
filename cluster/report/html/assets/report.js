/* cluster report filters: plain DOM code, no frameworks, no network.
   Reads the facets (outlets, speakers) from the JSON block #report-index and never writes HTML:
   only .hidden, .value and .textContent are set, so no text from the report can become markup. */
(function () {
  "use strict";
  var indexNode = document.getElementById("report-index");
  var facets = indexNode ? JSON.parse(indexNode.textContent) : {};
  var text = document.getElementById("filter-text");
  var outlet = document.getElementById("filter-outlet");
  var speaker = document.getElementById("filter-speaker");
  var several = document.getElementById("filter-several");
  var clear = document.getElementById("filter-clear");
  var status = document.getElementById("filter-status");
  var items = Array.prototype.slice.call(document.querySelectorAll(".item"));

  // Fold case, Arabic diacritics, tatweel and letter variants, as the tool does when it compares words.
  function fold(value) {
    return value.normalize("NFKC").toLowerCase()
      .replace(/[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g, "")
      .replace(/[\u0622\u0623\u0625\u0671]/g, "\u0627")
      .replace(/\u0649/g, "\u064a")
      .replace(/\u0629/g, "\u0647");
  }

  var haystacks = items.map(function (item) { return fold(item.textContent); });

  function matches(position) {
    var item = items[position];
    var facet = facets[item.id] || {outlets: [], speakers: [], several: true};
    var terms = fold(text ? text.value : "").split(/\s+/).filter(Boolean);
    for (var t = 0; t < terms.length; t++) {
      if (haystacks[position].indexOf(terms[t]) === -1) { return false; }
    }
    if (outlet && outlet.value && facet.outlets.indexOf(outlet.value) === -1) { return false; }
    if (speaker && speaker.value && facet.speakers.indexOf(speaker.value) === -1) { return false; }
    if (several && several.checked && item.classList.contains("story") && !facet.several) { return false; }
    return true;
  }

  function apply() {
    var shown = 0;
    items.forEach(function (item, position) {
      var ok = matches(position);
      item.hidden = !ok;
      if (ok) { shown += 1; }
    });
    Array.prototype.forEach.call(document.querySelectorAll(".speaker-block"), function (block) {
      block.hidden = block.querySelector(".item:not([hidden])") === null;
    });
    Array.prototype.forEach.call(document.querySelectorAll("section.list"), function (section) {
      var all = section.querySelectorAll(".item").length;
      var visible = section.querySelectorAll(".item:not([hidden])").length;
      var count = section.querySelector("[data-count]");
      if (count) { count.textContent = all && visible !== all ? visible + " of " + all + " shown" : ""; }
      var none = section.querySelector(".no-match");
      if (none) { none.hidden = !(all > 0 && visible === 0); }
    });
    var filtering = (text && text.value) || (outlet && outlet.value) || (speaker && speaker.value) ||
      (several && several.checked);
    if (status) { status.textContent = filtering ? shown + " of " + items.length + " items match" : ""; }
  }

  [text, outlet, speaker, several].forEach(function (control) {
    if (control) { control.addEventListener(control === text ? "input" : "change", apply); }
  });
  if (clear) {
    clear.addEventListener("click", function () {
      if (text) { text.value = ""; }
      if (outlet) { outlet.value = ""; }
      if (speaker) { speaker.value = ""; }
      if (several) { several.checked = false; }
      apply();
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll(".chip[data-term]"), function (chip) {
    chip.addEventListener("click", function () {
      if (text) { text.value = chip.getAttribute("data-term"); apply(); text.focus(); }
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "/" && document.activeElement !== text && text) { event.preventDefault(); text.focus(); }
  });
  apply();
}());
