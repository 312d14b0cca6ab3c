/* cluster report: draws stories, storylines, duplicate groups and quotes from the JSON block #report-data,
   a page at a time and on demand, and filters them. Plain DOM code, no frameworks, no network.
   It never writes HTML: every text is set with textContent, so nothing from the corpus can become markup;
   every element holding corpus text gets its language and direction and is bidi-isolated (CSS .t). */
(function () {
  "use strict";
  var node = document.getElementById("report-data");
  var D = node ? JSON.parse(node.textContent) : {t: [], o: [], a: [], s: [], l: [], g: [], q: null};
  var T = [], A = D.a, PAGE = D.page || 30, MT = D.mt || [];
  /* The string table, front-coded (data.py Texts.table): [earlier, length, rest] is an earlier text's start + rest. */
  D.t.forEach(function (e) { T.push(typeof e === "string" ? e : T[e[0]].slice(0, e[1]) + e[2]); });
  var RTL = {ar: 1, fa: 1, ur: 1, he: 1, ps: 1, ckb: 1, yi: 1};
  var $ = function (id) { return document.getElementById(id); };
  var text = $("filter-text"), outlet = $("filter-outlet"), speaker = $("filter-speaker");
  var several = $("filter-several"), clear = $("filter-clear"), status = $("filter-status");

  function fold(value) {
    return value.normalize("NFKC").toLowerCase()
      .replace(/[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g, "")
      .replace(/[\u0622\u0623\u0625\u0671]/g, "\u0627").replace(/\u0649/g, "\u064a").replace(/\u0629/g, "\u0647");
  }
  function dirOf(value, lang) {
    if (lang && lang !== "und") { return RTL[lang.split("-")[0].toLowerCase()] ? "rtl" : "ltr"; }
    var m = /[A-Za-z\u00c0-\u024f\u0370-\u04ff]|[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/.exec(value || "");
    return m && /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/.test(m[0]) ? "rtl" : "ltr";
  }
  function el(tag, cls, content) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (content !== undefined && content !== null) { e.textContent = String(content); }
    return e;
  }
  function add(parent) {
    for (var k = 1; k < arguments.length; k++) {
      var c = arguments[k];
      if (c === null || c === undefined) { continue; }
      parent.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return parent;
  }
  /* Corpus text: its own language and direction, isolated from what surrounds it. */
  function tx(tag, value, lang, cls) {
    var e = el(tag, "t" + (cls ? " " + cls : ""), value);
    if (lang && lang !== "und") { e.lang = lang; }
    e.dir = dirOf(value, lang);
    return e;
  }
  function num(v) { return typeof v === "number" ? v.toFixed(2) : "\u2013"; }
  function art(k) { return A[k] || ["?", 0, null, "und", 0, null]; }
  function outletOf(k) { return D.o[art(k)[4]] || "unknown"; }
  function articleRef(k) {
    var a = art(k);
    return add(el("span"), tx("span", T[a[1]], a[3], "title"), " ",
      add(el("span", "note"), tx("bdi", a[0], "und"), " \u00b7 " + (a[2] || "undated") + " \u00b7 ",
        tx("bdi", outletOf(k))));
  }
  function badge(value, cls) { return el("span", "badge" + (cls ? " " + cls : ""), value); }
  function link(kind, index, label) {
    var a = el("a", null, label);
    a.href = "#" + ANCHOR[kind] + (index + 1);
    a.setAttribute("data-open", kind + ":" + index);
    return a;
  }
  /* Words as Python's str.split() finds them in a text without control characters (no U+FEFF: not a space there). */
  var SPACES = /[\t\n \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
  function words(value) { return value.split(SPACES).filter(function (w) { return w !== ""; }); }

  /* ---- words compared as the tool compares them (textnorm.normalize and words; data.py words) ---- */
  var W = D.w || {strip: "$^", map: {}, stop: {}};
  var STRIP = new RegExp(W.strip, "g"), FOLDS = Object.keys(W.map);
  var FOLD = FOLDS.length ? new RegExp("[" + FOLDS.map(function (c) {
    return "\\u{" + c.codePointAt(0).toString(16) + "}"; }).join("") + "]", "gu") : null;
  /* Word-keyed tables have no prototype: a passage saying "constructor" or "__proto__" is a word like any other. */
  function wordTable() { return Object.create(null); }
  var NORM_WORD = /[\p{L}\p{N}]+(?:[.,]\p{Nd}+)*/gu, TOKEN = /[\p{L}\p{N}]+/gu, STOP = wordTable(), NORMS = wordTable();
  Object.keys(W.stop).forEach(function (lang) {
    var set = STOP[lang] = wordTable();
    W.stop[lang].forEach(function (w) { set[w] = 1; });
  });
  function normalized(value) {
    value = value.normalize("NFKC").replace(STRIP, "");
    return (FOLD ? value.replace(FOLD, function (c) { return W.map[c]; }) : value).toLowerCase();
  }
  function normWords(value) {  /* textnorm.words, memoised per token (a group repeats its words) */
    var got = NORMS[value];
    if (got === undefined) { got = NORMS[value] = normalized(value).match(NORM_WORD) || []; }
    return got;
  }
  function letters(w) { return w.length > 2 ? 3 : Array.from(w).length; }
  /* Per passage, the content words (no stop words, no one-letter words) another passage of the group also has
     (parts.shared_words as it was): what the highlights mark. */
  function sharedWords(g) {
    var seen = wordTable(), bags = g.p.map(function (p) {
      var stop = STOP[p[2]] || wordTable(), bag = wordTable();
      normWords(T[p[3]]).forEach(function (w) { if (letters(w) > 1 && !stop[w]) { bag[w] = 1; } });
      Object.keys(bag).forEach(function (w) { seen[w] = (seen[w] || 0) + 1; });
      return bag;
    });
    return bags.map(function (bag) {
      var out = wordTable();
      Object.keys(bag).forEach(function (w) { if (seen[w] >= 2) { out[w] = 1; } });
      return out;
    });
  }
  /* [start, end] runs of a text's words that are shared (consecutive shared words are one run). */
  function sharedRuns(value, shared) {
    var runs = [], last = null, m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(value)) !== null) {
      var end = m.index + m[0].length;
      if (!normWords(m[0]).some(function (w) { return shared[w] === 1; })) { last = null; continue; }
      if (last) { last[1] = end; } else { last = [m.index, end]; runs.push(last); }
    }
    return runs;
  }

  /* ---- word diff: Python's difflib.SequenceMatcher (no junk, no autojunk), as worddiff.word_diff runs it ---- */
  function diffKey(token) { return normWords(token).join(" ") || token; }
  function matchingBlocks(a, b) {
    var b2j = new Map(), blocks = [], queue = [[0, a.length, 0, b.length]];
    b.forEach(function (x, j) { var at = b2j.get(x); if (at) { at.push(j); } else { b2j.set(x, [j]); } });
    function longest(alo, ahi, blo, bhi) {
      var bi = alo, bj = blo, size = 0, j2len = new Map();
      for (var i = alo; i < ahi; i++) {
        var next = new Map(), js = b2j.get(a[i]) || [];
        for (var t = 0; t < js.length; t++) {
          var j = js[t];
          if (j < blo) { continue; }
          if (j >= bhi) { break; }
          var k = (j2len.get(j - 1) || 0) + 1;
          next.set(j, k);
          if (k > size) { bi = i - k + 1; bj = j - k + 1; size = k; }
        }
        j2len = next;
      }
      return [bi, bj, size];
    }
    while (queue.length) {
      var q = queue.pop(), m = longest(q[0], q[1], q[2], q[3]);
      if (!m[2]) { continue; }
      blocks.push(m);
      if (q[0] < m[0] && q[2] < m[1]) { queue.push([q[0], m[0], q[2], m[1]]); }
      if (m[0] + m[2] < q[1] && m[1] + m[2] < q[3]) { queue.push([m[0] + m[2], q[1], m[1] + m[2], q[3]]); }
    }
    blocks.sort(function (x, y) { return x[0] - y[0] || x[1] - y[1]; });
    var merged = [];
    blocks.forEach(function (m) {
      var top = merged[merged.length - 1];
      if (top && top[0] + top[2] === m[0] && top[1] + top[2] === m[1]) { top[2] += m[2]; } else { merged.push(m.slice()); }
    });
    merged.push([a.length, b.length, 0]);
    return merged;
  }
  /* The word diff from text a to text b as [op, a words, b words] runs; long unchanged runs cut to 4 words each
     side (a wire copy is mostly unchanged text). */
  function wordDiff(a, b) {
    var wa = words(a), wb = words(b), i = 0, j = 0, out = [];
    matchingBlocks(wa.map(diffKey), wb.map(diffKey)).forEach(function (m) {
      if (i < m[0] || j < m[1]) {
        out.push([i < m[0] && j < m[1] ? "replace" : i < m[0] ? "delete" : "insert",
          wa.slice(i, m[0]).join(" "), wb.slice(j, m[1]).join(" ")]);
      }
      if (m[2]) {
        var run = wa.slice(m[0], m[0] + m[2]);
        if (run.length > 9) { run = run.slice(0, 4).concat(["\u2026"], run.slice(-4)); }
        out.push(["equal", run.join(" "), ""]);
      }
      i = m[0] + m[2]; j = m[1] + m[2];
    });
    return out;
  }
  function diffBox(ops, lang, summary) {
    if (!ops || !ops.length) { return null; }
    var p = tx("p", "", lang);
    ops.forEach(function (op, k) {
      if (k) { p.appendChild(document.createTextNode(" ")); }
      if (op[0] === "equal") { p.appendChild(document.createTextNode(op[1])); return; }
      if (op[1]) { p.appendChild(el("del", null, op[1])); }
      if (op[2]) { p.appendChild(el("ins", null, op[2])); }
    });
    return add(el("details", "diff"), el("summary", null, summary), p);
  }
  function table(heads, rows) {
    var head = el("tr");
    heads.forEach(function (h) { head.appendChild(el("th", null, h)); });
    var body = el("tbody");
    rows.forEach(function (r) { body.appendChild(r); });
    return add(el("table"), add(el("thead"), head), body);
  }
  function cell(content, cls) {
    var td = el("td", cls);
    return typeof content === "string" ? (td.textContent = content, td) : add(td, content);
  }
  function timeline(members) {
    var pts = members.filter(function (k) { return art(k)[2]; }).map(function (k) { return art(k); });
    var box = el("div", "timeline-box");
    if (pts.length) { box.appendChild(svgTimeline(pts)); }
    if (members.length > pts.length) { box.appendChild(el("p", "note", (members.length - pts.length) + " undated")); }
    return box;
  }
  function svgEl(tag, attrs, content) {
    var e = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (content) { e.textContent = content; }
    return e;
  }
  function day(s) { return Date.parse(String(s).slice(0, 10)) / 86400000; }
  function svgTimeline(pts) {
    pts = pts.slice().sort(function (x, y) { return day(x[2]) - day(y[2]); });
    var first = day(pts[0][2]), last = day(pts[pts.length - 1][2]), onCorpus = false;
    if (first === last && D.span && D.span[0] && D.span[1] && D.span[0] < D.span[1]) {
      first = day(D.span[0]); last = day(D.span[1]); onCorpus = true;
    }
    var w = 360, h = 64, left = 14, right = w - 14, base = h - 22, span = Math.max(last - first, 0), stacks = {};
    var svg = svgEl("svg", {"class": "timeline", viewBox: "0 0 " + w + " " + h, width: w, height: h, role: "img",
      "aria-label": pts.length + " dated article" + (pts.length !== 1 ? "s" : "")});
    svg.appendChild(svgEl("line", {x1: left, y1: base, x2: right, y2: base, "class": "axis"}));
    pts.forEach(function (a) {
      var d = day(a[2]), x = span === 0 ? (left + right) / 2 : left + (right - left) * (d - first) / span;
      var level = stacks[d] || 0;
      stacks[d] = level + 1;
      var dot = svgEl("circle", {cx: x.toFixed(1), cy: (base - 6 - 10 * Math.min(level, 3)).toFixed(1), r: 4.5,
        "class": "dot"});
      dot.appendChild(svgEl("title", {}, a[2] + ": \u2068" + T[a[1]] + "\u2069"));  /* FSI..PDI: isolated */
      svg.appendChild(dot);
    });
    var from = new Date(first * 86400000).toISOString().slice(0, 10), to = new Date(last * 86400000).toISOString().slice(0, 10);
    svg.appendChild(svgEl("text", {x: left, y: h - 6, "class": "tick", "text-anchor": "start"}, from));
    if (span) { svg.appendChild(svgEl("text", {x: right, y: h - 6, "class": "tick", "text-anchor": "end"}, to)); }
    if (onCorpus) {
      svg.appendChild(svgEl("text", {x: (left + right) / 2, y: base - 16, "class": "tick day", "text-anchor": "middle"},
        pts[0][2]));
    }
    return svg;
  }

  /* ---- items ---- */
  var ANCHOR = {stories: "story-", storylines: "storyline-", groups: "group-", quotes: "quote-"};
  function drawStory(k) {
    var s = D.s[k], c = s.c === null || s.c === undefined ? null : art(s.c);
    var item = el("article", "story item");
    item.id = "story-" + (k + 1);
    var outlets = {};
    s.m.forEach(function (m) { outlets[outletOf(m)] = 1; });
    var names = Object.keys(outlets).sort();
    var meta = add(el("p", "meta", s.m.length + " article" + (s.m.length !== 1 ? "s" : "") + " \u00b7 " +
      (!s.f ? "undated" : s.f === s.l ? s.f : s.f + " \u2013 " + s.l) + " \u00b7 outlets: "));
    names.forEach(function (n, j) { add(meta, j ? ", " : "", tx("bdi", n)); });
    add(item, add(el("header"), badge(s.id), " ", tx("h3", T[s.label], c ? c[3] : null), meta));
    if (s.kw.length) {
      var kw = el("p", "keywords");
      s.kw.forEach(function (word) {
        var chip = tx("button", word, null, "chip");
        chip.type = "button";
        chip.setAttribute("data-term", word);
        kw.appendChild(chip);
      });
      item.appendChild(kw);
    }
    item.appendChild(timeline(s.m));
    item.appendChild(table(["date", "outlet", "lang", "article"], s.m.map(function (m) {
      var a = art(m), tr = el("tr"), ref = articleRef(m);
      if (a[5] && /^https?:/i.test(a[5].trim())) {
        var l = el("a", null, "link");
        l.href = a[5].trim(); l.rel = "noopener noreferrer nofollow"; l.target = "_blank";
        add(ref, " ", add(el("span", "note"), l));
      } else if (a[5]) { add(ref, " ", tx("span", a[5], "und", "note")); }
      return add(tr, cell(a[2] || "undated", "date"), cell(tx("bdi", outletOf(m))), cell(a[3] || ""), cell(ref));
    })));
    if (s.ev.length) {
      var ev = el("p", "evidence", "Tied together by shared passages: ");
      s.ev.forEach(function (g, j) { add(ev, j ? ", " : "", link("groups", g, D.g[g].id)); });
      item.appendChild(ev);
    } else if (s.m.length > 1) {
      item.appendChild(el("p", "evidence note",
        "No passage shared between members: grouped by meaning, wording, names and dates."));
    }
    if (s.sl.length) {
      var sl = el("p", "note", "Part of storyline ");
      s.sl.forEach(function (l, j) { add(sl, j ? ", " : "", link("storylines", l, D.l[l].id)); });
      add(sl, ": stories that continue one another.");
      item.appendChild(sl);
    }
    return item;
  }
  function drawStoryline(k) {
    var line = D.l[k], box = el("div", "storyline"), ol = el("ol");
    box.id = "storyline-" + (k + 1);
    add(box, add(el("h3"), badge(line.id), " " + line.s.length + " stories \u00b7 mean similarity " + num(line.sim)));
    line.s.forEach(function (s) {
      var st = D.s[s];
      add(ol, add(el("li"), el("span", "note", st.f || "undated"), " ", link("stories", s, st.id), " ",
        tx("span", T[st.label])));
    });
    return add(box, ol);
  }
  function passageText(p, shared) {
    var value = T[p[3]], q = tx("blockquote", "", p[2], "passage-text"), last = 0;
    sharedRuns(value, shared).forEach(function (run) {
      q.appendChild(document.createTextNode(value.slice(last, run[0])));
      q.appendChild(el("mark", null, value.slice(run[0], run[1])));
      last = run[1];
    });
    q.appendChild(document.createTextNode(value.slice(last)));
    return q;
  }
  function relation(g, k) {
    if (k === g.first) { return null; }
    var best = null;
    g.r.forEach(function (r) {
      if ((r[0] === k && r[1] === g.first) || (r[1] === k && r[0] === g.first)) { best = r; }
    });
    return best;
  }
  function drawGroup(k) {
    var g = D.g[k], item = el("article", "group item"), meta = el("span", "meta",
      g.p.length + " copies \u00b7 " + g.langs.join(", ") + " \u00b7 " + g.types.join(", ") +
      " \u00b7 best similarity " + num(g.best));
    item.id = "group-" + (k + 1);
    var arts = {};
    g.p.forEach(function (p) { arts[p[0]] = 1; });
    meta.textContent = Object.keys(arts).length + " articles \u00b7 " + g.langs.join(", ") + " \u00b7 " +
      g.types.join(", ") + " \u00b7 best similarity " + num(g.best);
    if (g.st.length) {
      add(meta, " \u00b7 in ");
      g.st.forEach(function (s, j) { add(meta, j ? ", " : "", link("stories", s, D.s[s].id)); });
    }
    add(item, add(el("header"), badge(g.id), " ", meta));
    if (g.pv) {
      var pv = el("p", "provenance", "First published in ");
      if (g.pv.e.length) { g.pv.e.forEach(function (a, j) { add(pv, j ? ", " : "", tx("bdi", a, "und")); }); }
      else { add(pv, "unknown"); }
      add(pv, g.pv.dated === false ? " (no carrier is dated: order unknown)" : g.pv.d ? " on " + g.pv.d : "");
      add(pv, " \u00b7 each copy's relation to it is on its passage");
      if (g.pv.ag.length) {
        add(pv, " \u00b7 agency credited: ");
        g.pv.ag.forEach(function (a, j) { add(pv, j ? ", " : "", tx("bdi", a)); });
      }
      item.appendChild(pv);
    }
    var cards = el("div", "passages"), shared = sharedWords(g);
    g.p.forEach(function (p, j) {
      var cap = add(el("figcaption"), badge("[" + j + "]", "small"), " ", articleRef(p[0]));
      if (p[1] && p[1] !== "body") { add(cap, " ", el("span", "tag", p[1])); }
      if (g.early.indexOf(j) !== -1) { add(cap, " ", el("span", "tag first", "earliest")); }
      var r = relation(g, j);
      add(cap, " ", el("span", "note", "\u00b7 " + p[2] + " \u00b7 chars " + p[4] + "\u2013" + p[5] +
        (r ? " \u00b7 " + MT[r[2]] + " of [" + g.first + "], similarity " + num(r[3]) + ", word overlap " + num(r[4]) : "")));
      var fig = add(el("figure", "passage"), cap, passageText(p, shared[j]));
      if (r && MT[r[2]] === "edited") {  /* the diff the JSON gives this carrier (contract._pair), drawn from the texts */
        add(fig, diffBox(wordDiff(T[g.p[r[0]][3]], T[g.p[r[1]][3]]), p[2], "word changes from [" + r[0] + "] to [" + r[1] + "]"));
      }
      cards.appendChild(fig);
    });
    item.appendChild(cards);
    var pairs = table(["pair", "articles", "match type", "similarity", "word overlap"], g.r.map(function (r) {
      var t = el("span", "type " + MT[r[2]], MT[r[2]]);
      return add(el("tr"), cell("[" + r[0] + "] ~ [" + r[1] + "]"),
        cell(add(el("span"), tx("bdi", art(g.p[r[0]][0])[0], "und"), " ~ ", tx("bdi", art(g.p[r[1]][0])[0], "und"))),
        cell(t), cell(num(r[3]), "num"), cell(num(r[4]), "num"));
    }));
    pairs.className = "pairs";
    item.appendChild(add(el("details", "pairs-box"), el("summary", null, "All " + g.r.length + " verified pairs"), pairs));
    return item;
  }
  function drawQuote(k) {
    var q = D.q[k], item = el("article", "quote item"), arts = {};
    item.id = "quote-" + (k + 1);
    q.i.forEach(function (i) { arts[i.a] = 1; });
    var n = Object.keys(arts).length, kinds = {};
    q.i.forEach(function (i) { if (i.kind) { kinds[i.kind] = 1; } });
    add(item, add(el("header"), badge(q.id || item.id), " ", el("span", "meta", q.i.length + " instance" +
      (q.i.length !== 1 ? "s" : "") + " in " + n + " article" + (n !== 1 ? "s" : "") +
      (Object.keys(kinds).length ? " \u00b7 " + Object.keys(kinds).sort().join(", ") : ""))));
    q.x.forEach(function (x) { item.appendChild(tx("blockquote", T[x[1]], x[0], "quote-text")); });
    if (q.i.length === 1) {
      var one = q.i[0], p = add(el("p", "provenance", "In "), articleRef(one.a));
      if (one.sw) { add(p, " \u00b7 attributed to ", tx("bdi", one.sw)); }
      if (one.ag) { add(p, " \u00b7 agency: ", tx("bdi", one.ag)); }
      item.appendChild(p);
      return item;
    }
    if (q.e.a) {
      var first = add(el("p", "provenance", "First published: "), tx("bdi", q.e.a, "und"), q.e.d ? " (" + q.e.d + ")" : "");
      var ties = q.e.ties.filter(function (t) { return t !== q.e.a; });
      if (ties.length) { add(first, " \u00b7 same day: "); ties.forEach(function (t, j) { add(first, j ? ", " : "", tx("bdi", t, "und")); }); }
      item.appendChild(first);
    }
    var rows = q.i.map(function (i) {
      var said = tx("td", T[i.x], i.lang);
      if (i.pc !== undefined) {
        add(said, " ", add(el("span", "tag part-of", "part of the quote: "), tx("q", T[i.pc], q.i[0].lang, "clause")));
      } else if (i.part) { add(said, " ", el("span", "tag", "part of the quote")); }
      add(said, diffBox(i.diff, i.lang, "word changes from the source"));
      return add(el("tr"), cell(add(el("span"), tx("bdi", art(i.a)[0], "und"), el("br"), tx("bdi", outletOf(i.a), null, "note"))),
        cell(i.lang || "", "short"), cell(i.kind || "", "short"), cell(el("span", "type " + (i.type || ""), i.type || ""), "short"),
        cell(i.ag ? tx("bdi", i.ag) : ""), cell(i.sw ? tx("bdi", i.sw) : ""), said);
    });
    var t = table(["article", "lang", "kind", "match type", "agency", "speaker as written", "text"], rows);
    t.className = "instances";
    item.appendChild(t);
    return item;
  }

  /* ---- sections: the items that match the filters, drawn a page at a time ---- */
  var Q = D.q || [];
  var quoteOrder = (function () {
    var count = {};
    Q.forEach(function (q) { count[q.sp || ""] = (count[q.sp || ""] || 0) + 1; });
    return Q.map(function (q, k) { return k; }).sort(function (x, y) {
      var a = Q[x].sp || "", b = Q[y].sp || "";
      if (a === b) { return x - y; }
      if (!a || !b) { return a ? -1 : 1; }
      return count[b] - count[a] || (a.toLowerCase() < b.toLowerCase() ? -1 : 1);
    });
  }());
  function speakersOf(members) {
    var out = {};
    members.forEach(function (m) { (D.as[m] || []).forEach(function (s) { out[D.speakers[s]] = 1; }); });
    return out;
  }
  function outletsOf(members) {
    var out = {};
    members.forEach(function (m) { out[outletOf(m)] = 1; });
    return out;
  }
  function titles(members) { return members.map(function (m) { return T[art(m)[1]] + " " + art(m)[0] + " " + outletOf(m); }).join(" "); }
  var KINDS = {
    stories: {order: D.s.map(function (s, k) { return k; }), draw: drawStory,
      members: function (k) { return D.s[k].m; },
      words: function (k) { var s = D.s[k]; return s.id + " " + T[s.label] + " " + s.kw.join(" ") + " " + titles(s.m); }},
    storylines: {order: D.l.map(function (l, k) { return k; }), draw: drawStoryline, unfiltered: true},
    groups: {order: D.g.map(function (g, k) { return k; }), draw: drawGroup,
      members: function (k) { return D.g[k].p.map(function (p) { return p[0]; }); },
      words: function (k) {
        var g = D.g[k];
        return g.id + " " + g.types.join(" ") + " " + g.p.map(function (p) { return T[p[3]]; }).join(" ") + " " +
          titles(g.p.map(function (p) { return p[0]; }));
      }},
    quotes: {order: quoteOrder, draw: drawQuote,
      members: function (k) { return Q[k].i.map(function (i) { return i.a; }); },
      own: function (k) { var o = {}; if (Q[k].sp) { o[Q[k].sp] = 1; } return o; },
      words: function (k) {
        var q = Q[k];
        return (q.id || "") + " " + (q.sp || "") + " " + q.forms.join(" ") + " " +
          q.x.map(function (x) { return T[x[1]]; }).join(" ") + " " + q.i.map(function (i) { return T[i.x]; }).join(" ") +
          " " + titles(q.i.map(function (i) { return i.a; }));
      }}
  };
  var hay = {};
  function haystack(kind, k) {
    var h = hay[kind] || (hay[kind] = []);
    if (h[k] === undefined) { h[k] = fold(KINDS[kind].words(k)); }
    return h[k];
  }
  function buildIndex() {  /* after the first screen is drawn: typing then only scans prepared strings */
    Object.keys(KINDS).forEach(function (kind) {
      if (KINDS[kind].words) { KINDS[kind].order.forEach(function (k) { haystack(kind, k); }); }
    });
  }
  function matches(kind, k, terms) {
    var spec = KINDS[kind];
    if (spec.unfiltered) { return true; }
    for (var t = 0; t < terms.length; t++) { if (haystack(kind, k).indexOf(terms[t]) === -1) { return false; } }
    var members = spec.members(k);
    if (outlet && outlet.value && !outletsOf(members)[outlet.value]) { return false; }
    if (speaker && speaker.value && !(spec.own ? spec.own(k) : speakersOf(members))[speaker.value]) { return false; }
    if (several && several.checked && kind === "stories" && members.length < 2) { return false; }
    return true;
  }
  var state = {};
  function draw(kind) {
    var st = state[kind], box = st.section.querySelector(".items"), frag = document.createDocumentFragment();
    var lastSpeaker = null;
    box.textContent = "";
    st.hits.slice(0, st.shown).forEach(function (k) {
      if (kind === "quotes" && Q[k].sp !== lastSpeaker) {
        lastSpeaker = Q[k].sp;
        var head = add(el("h3", "speaker"), Q[k].sp ? tx("span", Q[k].sp) : el("span", "note", "Unattributed"));
        frag.appendChild(head);
      }
      frag.appendChild(KINDS[kind].draw(k));
    });
    box.appendChild(frag);
    var all = st.order.length, n = st.hits.length;
    st.section.querySelector(".empty-note").hidden = all > 0;
    st.section.querySelector(".no-match").hidden = !(all > 0 && n === 0);
    var more = st.section.querySelector(".more");
    more.hidden = st.shown >= n;
    more.textContent = "Show " + Math.min(PAGE, n - st.shown) + " more (" + (n - st.shown) + " left)";
    var count = st.section.querySelector("[data-count]");
    if (count) { count.textContent = all && n !== all ? n + " of " + all + " match" : ""; }
  }
  function apply() {
    var terms = fold(text ? text.value : "").split(/\s+/).filter(Boolean), total = 0, shown = 0;
    Object.keys(state).forEach(function (kind) {
      var st = state[kind];
      st.hits = st.order.filter(function (k) { return matches(kind, k, terms); });
      st.shown = Math.min(PAGE, st.hits.length);
      if (!KINDS[kind].unfiltered) { total += st.order.length; shown += st.hits.length; }
      draw(kind);
    });
    var filtering = (text && text.value) || (outlet && outlet.value) || (speaker && speaker.value) ||
      (several && several.checked);
    if (status) { status.textContent = filtering ? shown + " of " + total + " items match" : ""; }
  }
  Object.keys(KINDS).forEach(function (kind) {
    var section = document.getElementById(kind);
    if (!section) { return; }
    state[kind] = {section: section, order: KINDS[kind].order, hits: KINDS[kind].order, shown: 0};
    section.querySelector(".more").addEventListener("click", function () {
      state[kind].shown += PAGE;
      draw(kind);
    });
  });
  function open(kind, index) {
    var st = state[kind];
    if (!st) { return; }
    if (st.hits.indexOf(index) === -1) { resetFilters(); apply(); }
    var at = st.hits.indexOf(index);
    if (at >= st.shown) { st.shown = at + 1; draw(kind); }
    var target = document.getElementById(ANCHOR[kind] + (index + 1));
    if (target) { target.scrollIntoView(); }
  }
  function resetFilters() {
    if (text) { text.value = ""; }
    if (outlet) { outlet.value = ""; }
    if (speaker) { speaker.value = ""; }
    if (several) { several.checked = false; }
  }
  [text, outlet, speaker, several].forEach(function (control) {
    if (control) { control.addEventListener(control === text ? "input" : "change", apply); }
  });
  if (clear) { clear.addEventListener("click", function () { resetFilters(); apply(); }); }
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-open], .chip[data-term]") : null;
    if (!target) { return; }
    if (target.hasAttribute("data-term")) {
      if (text) { text.value = target.getAttribute("data-term"); apply(); text.focus(); }
      return;
    }
    var parts = target.getAttribute("data-open").split(":");
    event.preventDefault();
    open(parts[0], parseInt(parts[1], 10));
    history.replaceState(null, "", target.getAttribute("href"));
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "/" && document.activeElement !== text && text) { event.preventDefault(); text.focus(); }
  });
  apply();
  var hash = /^#(story|storyline|group|quote)-(\d+)$/.exec(location.hash);
  if (hash) { open({story: "stories", storyline: "storylines", group: "groups", quote: "quotes"}[hash[1]], hash[2] - 1); }
  setTimeout(buildIndex, 0);
}());
