/* Quiz widget: checks answers, shuffles choices, keeps progress in localStorage.
 * Markup comes from overrides/partials/quiz.html (see the contract there).
 * Exposes window.StudyQuiz for practice-exam.js and progress.js. No framework, no requests
 * except the quiz bank JSON of this site. Re-initialises on Material's document$.
 * Keys (issue 15), on any page with questions: 1-6 pick an option, Enter checks, in the
 * exam ArrowLeft/ArrowRight or k/j move and m marks (flags); ? lists them. Never while the
 * reader types in a field, nor with Ctrl, Alt or Meta (Material has f, s, /, n and p). While an
 * exam runs (issue 21) no arrow key changes an answer and Material's n and p do nothing. */
(function () {
  "use strict";
  var S = window.StudyStore;
  var DAY = 864e5;
  var BOX_DAYS = [0, 0, 1, 3, 7, 14]; /* Leitner boxes 1..5: days until due again */
  var load = S.answers;
  var save = S.saveAnswers;

  /* A right answer moves the question up a box, a wrong one back to box 1 (due now). */
  function record(id, ok) {
    var data = load();
    var r = data[id] || { box: 0, right: 0, wrong: 0 };
    var now = Date.now();
    r.box = ok ? Math.min(Math.max(r.box, 1) + 1, 5) : 1;
    if (ok) r.right++;
    else r.wrong++;
    r.last = ok;
    r.at = now;
    r.due = now + BOX_DAYS[r.box] * DAY;
    data[id] = r;
    save(data);
    return r;
  }
  function forget(ids) {
    var data = load();
    ids.forEach(function (id) {
      delete data[id];
    });
    save(data);
  }
  function shuffle(list) {
    for (var i = list.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = list[i];
      list[i] = list[j];
      list[j] = t;
    }
    return list;
  }
  function sameSet(a, b) {
    return a.length === b.length && a.every(function (x) {
      return b.indexOf(x) >= 0;
    });
  }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    return node;
  }
  function checked(form) {
    return Array.prototype.map.call(form.querySelectorAll("input:checked"), function (i) {
      return +i.value;
    });
  }
  /* Checks a question form; returns true/false, or null when the selection is incomplete. */
  function check(form, correct, choose, feedback) {
    var picked = checked(form);
    if (picked.length !== choose) {
      feedback.textContent = choose > 1 ? "Select " + (choose === 2 ? "two" : "three") + " answers, then check." : "Select an answer, then check.";
      feedback.className = "quiz__feedback";
      return null;
    }
    var ok = sameSet(picked, correct);
    form.querySelectorAll("input").forEach(function (input) {
      var li = input.closest("li");
      li.classList.toggle("is-correct", correct.indexOf(+input.value) >= 0);
      li.classList.toggle("is-wrong", input.checked && correct.indexOf(+input.value) < 0);
    });
    showReasons(form, correct);
    form.classList.add("has-reasons"); /* the answer panel's list of reasons would repeat them (quiz.css) */
    var answer = Array.prototype.filter
      .call(form.querySelectorAll("input"), function (i) {
        return correct.indexOf(+i.value) >= 0;
      })
      .map(function (i) {
        return i.closest("label").textContent.trim();
      });
    feedback.textContent = ok ? "Correct." : ("Incorrect. The answer is: " + answer.join("; ") + ".").replace(/([.!?])\.$/, "$1");
    feedback.className = "quiz__feedback " + (ok ? "is-correct" : "is-wrong");
    var details = form.querySelector("details");
    if (details) details.open = true;
    return ok;
  }
  /* The reason each option is right or wrong, beside the option: from the bank (form._whys,
     set by build) or from the answer's list in the page (one li.quiz__reason per option). */
  function showReasons(form, correct) {
    form.querySelectorAll("input").forEach(function (input) {
      var index = +input.value;
      var why = form._whys ? form._whys[index] : "";
      var item = form.querySelector('.quiz__reason[data-option="' + index + '"] .quiz__why-text');
      if (!why && item) why = item.textContent;
      if (!why) return;
      var li = input.closest("li");
      var box = li.querySelector(".quiz__why") || li.appendChild(el("p", "quiz__why"));
      box.textContent = (correct.indexOf(index) >= 0 ? "Right: " : "Wrong: ") + why;
    });
  }
  function clear(form) {
    form.reset();
    form.classList.remove("has-reasons");
    form.querySelectorAll(".quiz__why").forEach(function (p) {
      p.remove();
    });
    form.querySelectorAll("li").forEach(function (li) {
      li.classList.remove("is-correct", "is-wrong");
    });
    var fb = form.querySelector(".quiz__feedback");
    fb.textContent = "";
    fb.className = "quiz__feedback";
    var details = form.querySelector("details");
    if (details) details.open = false;
  }
  /* Links in the bank are relative to the site root: make them absolute for any page. */
  function fixLinks(node, root) {
    node.querySelectorAll("a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (!/^([a-z]+:|#|\/)/i.test(href)) a.setAttribute("href", new URL(href, root).href);
    });
  }
  /* A question from the JSON bank, with the same markup as the page widget. */
  function build(q, root, name) {
    var form = el("form", "quiz__question");
    form.dataset.questionId = q.id;
    var fs = form.appendChild(el("fieldset"));
    var legend = fs.appendChild(el("legend", null, q.question));
    if (q.choose_note) legend.appendChild(el("strong", "quiz__choose", " (" + q.choose_note + ")"));
    var ul = fs.appendChild(el("ul", "quiz__options"));
    q.options.forEach(function (o, i) {
      var li = ul.appendChild(el("li", "quiz__option"));
      var label = li.appendChild(el("label"));
      var input = label.appendChild(el("input"));
      input.type = q.choose > 1 ? "checkbox" : "radio";
      input.name = name || q.id;
      input.value = i;
      label.appendChild(el("span", null, o.text));
    });
    shuffle(Array.prototype.slice.call(ul.children)).forEach(function (li) {
      ul.appendChild(li);
    });
    form._whys = q.options.map(function (o) {
      return o.why || "";
    });
    return form;
  }
  function explain(q, root) {
    var box = el("div", "quiz__answer");
    var reasons = box.appendChild(el("ul", "quiz__reasons"));
    q.options.forEach(function (o, i) {
      var li = reasons.appendChild(el("li", "quiz__reason " + (o.correct ? "quiz__reason--right" : "quiz__reason--wrong")));
      li.dataset.option = i;
      li.appendChild(el("strong", "quiz__verdict", o.correct ? "Right:" : "Wrong:"));
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("span", "quiz__reason-option", o.text));
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("span", "quiz__why-text", o.why || ""));
    });
    var ex = box.appendChild(el("div", "quiz__explanation"));
    ex.innerHTML = q.explanation; /* rendered at build time from Markdown, raw HTML escaped */
    var p = box.appendChild(el("p", "quiz__source", "The fact: "));
    var a = p.appendChild(el("a", null, q.source.title));
    a.setAttribute("href", q.source.url);
    fixLinks(box, root);
    return box;
  }
  function correctOf(q) {
    var out = [];
    q.options.forEach(function (o, i) {
      if (o.correct) out.push(i);
    });
    return out;
  }
  var banks = {};
  function bank(url) {
    var abs = new URL(url, location.href).href;
    if (!banks[abs])
      banks[abs] = fetch(abs).then(function (r) {
        if (!r.ok) throw new Error("quiz bank: HTTP " + r.status);
        return r.json();
      });
    return banks[abs];
  }

  /* A missed question waits in a Leitner box below 5 until its due time. */
  function isDue(r, now) {
    return r && r.wrong > 0 && r.box < 5 && r.due <= now;
  }
  /* A "Check answer" button and a feedback region for a question built from the bank. */
  function checkable(form) {
    var fs = form.querySelector("fieldset");
    var btn = fs.appendChild(el("button", "quiz__check md-button md-button--primary", "Check answer"));
    btn.type = "submit";
    var fb = fs.appendChild(el("p", "quiz__feedback"));
    fb.setAttribute("role", "status");
    return fb;
  }
  /* A score as a bar with its value in text (the bar itself is hidden from screen readers). */
  function bar(part, whole) {
    var pct = whole ? Math.round((100 * part) / whole) : 0;
    var box = el("span", "quiz-bar");
    var track = box.appendChild(el("span", "quiz-bar__track"));
    track.setAttribute("aria-hidden", "true");
    track.appendChild(el("span")).style.width = pct + "%"; /* CSSOM, which the CSP allows */
    box.appendChild(document.createTextNode(pct + "%"));
    return box;
  }
  /* A table in Material's style: no class on <table>, in Material's own wrappers (what its
     script does to the tables of a page); cls goes on the outer wrapper, which scrolls on a
     phone and so is a named region a keyboard can reach (axe: scrollable-region-focusable). */
  function table(cls, caption, heads, rows) {
    var wrap = el("div", "md-typeset__scrollwrap " + cls);
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", caption);
    var t = wrap.appendChild(el("div", "md-typeset__table")).appendChild(el("table"));
    t.appendChild(el("caption", null, caption));
    var head = t.appendChild(el("thead")).appendChild(el("tr"));
    heads.forEach(function (h) {
      head.appendChild(el("th", null, h)).scope = "col";
    });
    var body = t.appendChild(el("tbody"));
    rows.forEach(function (r) {
      var tr = body.appendChild(el("tr"));
      r.forEach(function (v, i) {
        var cell = tr.appendChild(el(i ? "td" : "th"));
        if (!i) cell.scope = "row";
        cell.append(v);
      });
    });
    return wrap;
  }

  /* AWS reports 100 to 1000 and 750 passes; a straight line from the share right is a guess. */
  function scaled(right, total) {
    return Math.round(100 + (900 * right) / total);
  }

  /* Keyboard: one listener for the page's questions, the exam and the progress page. */
  var KEYS = [
    ["1 to 6", "choose that option"],
    ["Enter", "check the answer"],
    ["\u2190 \u2192 or k j", "previous or next exam question"],
    ["\u2191 \u2193", "move between an exam question's options without choosing one"],
    ["m", "mark the exam question for review (flag)"],
    ["?", "show these keys"]
  ];
  var current = null; /* the question last touched */
  function keysDialog() {
    var d = document.querySelector("dialog.quiz-keys");
    if (!d) {
      d = document.body.appendChild(el("dialog", "quiz-keys"));
      d.setAttribute("aria-labelledby", "quiz-keys-title");
      d.appendChild(el("h2", null, "Keyboard keys")).id = "quiz-keys-title";
      var dl = d.appendChild(el("dl"));
      KEYS.forEach(function (k) {
        dl.appendChild(el("dt", null, k[0]));
        dl.appendChild(el("dd", null, k[1]));
      });
      d.appendChild(el("p", null, "They do nothing while you type in a field."));
      var close = d.appendChild(el("button", "md-button md-button--primary", "Close"));
      close.type = "button";
      close.onclick = function () {
        d.close();
      };
    }
    d.showModal();
  }
  /* Issue 21: a step that asks before something is lost, in a modal <dialog> (never
     window.confirm). Resolves true for `yes`, false for `no`, Escape or closeConfirm(). */
  function confirmStep(title, text, yes, no) {
    closeConfirm();
    var d = document.body.appendChild(el("dialog", "quiz-keys quiz-confirm md-typeset"));
    d.setAttribute("aria-labelledby", "quiz-confirm-title");
    d.setAttribute("aria-describedby", "quiz-confirm-text");
    d.appendChild(el("h2", null, title)).id = "quiz-confirm-title";
    d.appendChild(el("p", null, text)).id = "quiz-confirm-text";
    var row = d.appendChild(el("p", "quiz-confirm__buttons"));
    var back = row.appendChild(el("button", "md-button", no));
    var go = row.appendChild(el("button", "md-button md-button--primary", yes));
    back.type = go.type = "button";
    back.dataset.do = "no";
    go.dataset.do = "yes";
    return new Promise(function (resolve) {
      var answer = false;
      go.onclick = function () {
        answer = true;
        d.close();
      };
      back.onclick = function () {
        d.close();
      };
      d.addEventListener("close", function () {
        d.remove();
        resolve(answer);
      });
      d.showModal();
      back.focus(); /* the safe choice first: Enter or Space never loses anything by accident */
    });
  }
  function closeConfirm() {
    document.querySelectorAll("dialog.quiz-confirm[open]").forEach(function (d) {
      d.close();
    });
  }
  /* Issue 21: while an exam runs, Material's n p , . (next and previous page) never leave it,
     even under a dialog; a field keeps its own keys. */
  function holdPageKeys(e) {
    var t = e.target;
    if (!/^[np,.]$/.test(e.key) || e.ctrlKey || e.metaKey || e.altKey) return;
    if (t.closest && t.closest("textarea, select, [contenteditable]")) return;
    if (t.tagName === "INPUT" && !/^(radio|checkbox)$/.test(t.type)) return;
    if (document.querySelector(".quiz-exam__run:not([hidden])")) e.stopPropagation(); /* Material listens on window */
  }
  /* The next or previous option of a question, focused without changing the answer. */
  function focusOption(form, from, step) {
    var inputs = Array.prototype.slice.call(form.querySelectorAll("input:not(:disabled)"));
    var next = inputs[inputs.indexOf(from) + step];
    if (next) next.focus();
    return true;
  }
  function onKey(e) {
    var t = e.target;
    var k = e.key;
    holdPageKeys(e);
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || document.querySelector("dialog[open]")) return;
    if (t.closest && t.closest("textarea, select, [contenteditable]")) return;
    if (t.tagName === "INPUT" && !/^(radio|checkbox)$/.test(t.type)) return;
    if (!document.querySelector(".quiz")) return;
    var run = document.querySelector(".quiz-exam__run:not([hidden])");
    var form = run ? run.querySelector("form") : t.closest && t.closest("form.quiz__question");
    if (!form && current && current.isConnected) form = current;
    var act = function (name) {
      var b = run && run.querySelector('[data-action="' + name + '"]');
      if (b && !b.disabled) b.click();
      return !!b;
    };
    var done = false;
    if (k === "?") {
      keysDialog();
      done = true;
    } else if (/^[1-6]$/.test(k) && form) {
      var input = form.querySelectorAll("input")[k - 1];
      if (input && !input.disabled) {
        input.checked = input.type === "radio" || !input.checked;
        input.dispatchEvent(new Event("change", { bubbles: true }));
        done = true;
      }
    } else if (k === "Enter" && form && !/^(A|BUTTON|SUMMARY)$/.test(t.tagName)) {
      form.requestSubmit();
      done = true;
    } else if (k === "ArrowRight" || k === "ArrowLeft") {
      /* in the exam, never the browser's radio-group move, which picks and saves the next option */
      if (run && t.type === "radio") e.preventDefault();
      if (run || t.type !== "radio") done = act(k === "ArrowRight" ? "next" : "prev");
    } else if ((k === "ArrowDown" || k === "ArrowUp") && run && t.type === "radio" && run.contains(t))
      done = focusOption(form, t, k === "ArrowDown" ? 1 : -1);
    else if (k === "j" || k === "k") done = act(k === "j" ? "next" : "prev");
    else if (k === "m") done = act("flag");
    if (done) e.preventDefault();
  }
  if (!window.__studyKeys) {
    window.__studyKeys = 1;
    document.addEventListener("keydown", onKey);
    document.addEventListener("focusin", function (e) {
      var f = e.target.closest && e.target.closest("form.quiz__question");
      if (f) current = f;
    });
  }

  function initQuiz(section) {
    if (section.dataset.ready) return;
    section.dataset.ready = "1";
    var forms = Array.prototype.slice.call(section.querySelectorAll("form.quiz__question"));
    var ids = forms.map(function (f) {
      return f.dataset.questionId;
    });
    var status = section.querySelector(".quiz__status");
    var progress = section.querySelector(".quiz__progress");
    function update() {
      var data = load();
      var right = ids.filter(function (id) {
        return data[id] && data[id].last;
      }).length;
      progress.textContent = right + " of " + ids.length + " answered correctly";
      summarise(section, ids, data);
    }
    forms.forEach(function (form) {
      var ul = form.querySelector(".quiz__options");
      shuffle(Array.prototype.slice.call(ul.children)).forEach(function (li) {
        ul.appendChild(li);
      });
      var correct = Array.prototype.filter
        .call(form.querySelectorAll("input"), function (i) {
          return i.hasAttribute("data-correct");
        })
        .map(function (i) {
          return +i.value;
        });
      var feedback = form.querySelector(".quiz__feedback");
      var choose = +form.dataset.choose;
      form.querySelector(".quiz__check").hidden = false; /* without JavaScript the <details> holds the answer */
      markLast(form, load()[form.dataset.questionId]);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var ok = check(form, correct, choose, feedback);
        if (ok === null) return;
        record(form.dataset.questionId, ok);
        markLast(form, null);
        update();
      });
    });
    section.querySelector(".quiz__reset").addEventListener("click", function () {
      var data = load();
      var kept = ids.filter(function (id) {
        return data[id];
      }).length;
      if (!kept) return reset();
      confirmStep(
        "Reset this page's progress?",
        "This removes your answers to " + kept + " of this page's " + ids.length + " questions from this browser, with their review schedule. It cannot be undone.",
        "Remove " + kept + " answer" + (kept > 1 ? "s" : ""),
        "Keep them"
      ).then(function (yes) {
        if (yes) reset();
      });
    });
    function reset() {
      forget(ids);
      forms.forEach(function (form) {
        clear(form);
        markLast(form, null);
      });
      update();
    }
    status.hidden = false;
    update();
    S.show(section);
  }

  /* Issue 21: after a reload each question says how it went last time (was-correct / was-wrong
     and a line under its question), and the panel's summary says how many were answered, so
     the state shows without opening anything. record is the stored answer, or null to clear. */
  function markLast(form, record) {
    form.classList.remove("was-correct", "was-wrong");
    var note = form.querySelector(".quiz__last");
    if (note) note.remove();
    if (!record) return;
    form.classList.add(record.last ? "was-correct" : "was-wrong");
    note = el("p", "quiz__last", record.last ? "Last time: answered correctly." : "Last time: answered wrongly. Try it again.");
    form.querySelector("legend").after(note);
  }
  function summarise(section, ids, data) {
    var summary = section.querySelector(".quiz__panel > summary");
    if (!summary) return;
    var span = summary.querySelector(".quiz__summary-progress") || summary.appendChild(el("span", "quiz__summary-progress"));
    var answered = ids.filter(function (id) {
      return data[id];
    });
    var right = answered.filter(function (id) {
      return data[id].last;
    }).length;
    span.textContent = answered.length ? " (you answered " + answered.length + ", " + right + " correctly the last time)" : "";
  }

  function init() {
    document.querySelectorAll("section.quiz[data-quiz-page]").forEach(initQuiz);
  }

  window.StudyQuiz = {
    load: load,
    save: save,
    record: record,
    forget: forget,
    shuffle: shuffle,
    sameSet: sameSet,
    check: check,
    showReasons: showReasons,
    build: build,
    explain: explain,
    correctOf: correctOf,
    fixLinks: fixLinks,
    checked: checked,
    bank: bank,
    el: el,
    isDue: isDue,
    checkable: checkable,
    confirm: confirmStep,
    closeConfirm: closeConfirm,
    table: table,
    bar: bar,
    scaled: scaled
  };
  /* Material's instant navigation swaps the page without reloading scripts: document$ emits each time. */
  if (window.document$) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
