/* Progress page: mastery per exam domain and per category from localStorage, and the missed
 * questions due again (Leitner boxes, see quiz.js). Markup: overrides/partials/quiz-progress.html. */
(function () {
  "use strict";
  var Q = window.StudyQuiz;

  function mastery(rows, caption) {
    var t = Q.el("table", "quiz-progress__table");
    var head = t.appendChild(Q.el("tr"));
    ["", "Questions", "Answered", "Correct", "Mastery"].forEach(function (h) {
      head.appendChild(Q.el("th", null, h)).scope = "col";
    });
    rows.forEach(function (r) {
      var tr = t.appendChild(Q.el("tr"));
      tr.appendChild(Q.el("th", null, r.title)).scope = "row";
      [r.total, r.answered, r.correct, Math.round((100 * r.correct) / r.total) + "%"].forEach(function (v) {
        tr.appendChild(Q.el("td", null, String(v)));
      });
    });
    return t;
  }

  function init() {
    var box = document.querySelector("[data-quiz-progress]");
    if (!box || box.dataset.ready) return;
    box.dataset.ready = "1";
    var root = new URL(box.dataset.root, location.href).href;
    Q.bank(box.dataset.bank).then(
      function (bank) {
        render(box, bank, root);
        box.querySelector(".quiz-progress__reset").onclick = function () {
          Q.forget(Object.keys(Q.load()));
          render(box, bank, root);
        };
      },
      function (error) {
        box.querySelector(".quiz-progress__summary").textContent = "The question bank could not be loaded (" + error.message + ").";
      }
    );
  }

  function render(box, bank, root) {
    var data = Q.load();
    var now = Date.now();
    var domains = {};
    var categories = {};
    var answered = 0;
    var correct = 0;
    function add(map, key, title, q) {
      var r = (map[key] = map[key] || { title: title, total: 0, answered: 0, correct: 0 });
      r.total++;
      if (data[q.id]) r.answered++;
      if (data[q.id] && data[q.id].last) r.correct++;
    }
    var due = [];
    var later = [];
    bank.questions.forEach(function (q) {
      var r = data[q.id];
      if (r) answered++;
      if (r && r.last) correct++;
      q.domains.forEach(function (d) {
        add(domains, d, bank.domains[d].title, q);
      });
      var page = bank.pages[q.page] || {};
      var cat = page.category || "concepts";
      add(categories, cat, bank.categories[cat] || "Concepts", q);
      if (r && r.wrong > 0 && r.box < 5) (r.due <= now ? due : later).push(q);
    });
    box.querySelector(".quiz-progress__summary").textContent =
      answered + " of " + bank.questions.length + " questions answered, " + correct + " answered correctly the last time.";
    var d = box.querySelector(".quiz-progress__domains");
    d.textContent = "";
    d.appendChild(
      mastery(
        Object.keys(bank.domains)
          .filter(function (k) {
            return domains[k];
          })
          .map(function (k) {
            return domains[k];
          }),
        "Mastery by exam domain"
      )
    );
    var c = box.querySelector(".quiz-progress__categories");
    c.textContent = "";
    c.appendChild(
      mastery(
        Object.keys(categories)
          .map(function (k) {
            return categories[k];
          })
          .sort(function (a, b) {
            return a.title.localeCompare(b.title);
          }),
        "Mastery by category"
      )
    );
    var review = box.querySelector(".quiz-progress__review");
    review.textContent = "";
    var next = later.reduce(function (m, q) {
      return Math.min(m, data[q.id].due);
    }, Infinity);
    review.appendChild(
      Q.el(
        "p",
        "quiz-progress__due",
        due.length
          ? due.length + " missed question" + (due.length > 1 ? "s" : "") + " due for review."
          : "No missed questions are due now." + (later.length ? " " + later.length + " come back from " + new Date(next).toLocaleDateString() + "." : "")
      )
    );
    due.forEach(function (q) {
      var form = Q.build(q, root, "review-" + q.id);
      var fb = form.querySelector("fieldset").appendChild(Q.el("p", "quiz__feedback"));
      fb.setAttribute("role", "status");
      fb.setAttribute("aria-live", "polite");
      var btn = Q.el("button", "quiz__check md-button md-button--primary", "Check answer");
      btn.type = "submit";
      fb.before(btn);
      var page = bank.pages[q.page];
      if (page) {
        var from = Q.el("p", "quiz__from", "From ");
        var a = from.appendChild(Q.el("a", null, page.title));
        a.href = new URL(page.url, root).href;
        form.querySelector("legend").after(from);
      }
      form.onsubmit = function (event) {
        event.preventDefault();
        if (form.dataset.done) return;
        var ok = Q.check(form, Q.correctOf(q), q.choose, fb);
        if (ok === null) return;
        form.dataset.done = "1";
        var r = Q.record(q.id, ok);
        fb.textContent += ok ? " Moved to box " + r.box + "." : " Back to box 1.";
        form.querySelector("fieldset").appendChild(Q.explain(q, root));
      };
      review.appendChild(form);
    });
  }

  if (window.document$) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
