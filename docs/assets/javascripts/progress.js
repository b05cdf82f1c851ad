/* Progress page: mastery per exam domain and per category from localStorage, the history of
 * finished exams, the missed questions due again (Leitner boxes, see quiz.js), and export and
 * import of all of it (StudyStore, store.js). Markup: overrides/partials/quiz-progress.html. */
(function () {
  "use strict";
  var Q = window.StudyQuiz;
  var S = window.StudyStore;

  function mastery(rows, caption, first) {
    return Q.table(
      "quiz-progress__table",
      caption,
      [first, "Questions", "Answered", "Correct", "Mastery"],
      rows.map(function (r) {
        return [r.title, String(r.total), String(r.answered), String(r.correct), Q.bar(r.correct, r.total)];
      })
    );
  }

  function init() {
    var box = document.querySelector("[data-quiz-progress]");
    if (!box || box.dataset.ready) return;
    box.dataset.ready = "1";
    var root = new URL(box.dataset.root, location.href).href;
    var message = box.querySelector(".quiz-progress__message");
    Q.bank(box.dataset.bank).then(
      function (bank) {
        render(box, bank, root);
        box.querySelector(".quiz-progress__reset").onclick = function () {
          askToReset(function () {
            Q.forget(Object.keys(Q.load()));
            S.clearHistory();
            render(box, bank, root);
            message.textContent = "All answers and exam results were removed from this browser.";
          });
        };
        box.querySelector(".quiz-progress__export").onclick = function () {
          var a = Q.el("a");
          a.href = URL.createObjectURL(new Blob([JSON.stringify(S.exportData(), null, 1)], { type: "application/json" }));
          a.download = "sap-c02-progress-" + new Date().toISOString().slice(0, 10) + ".json";
          document.body.appendChild(a).click();
          a.remove();
          message.textContent = "Progress exported as " + a.download + ".";
        };
        var file = box.querySelector(".quiz-progress__import");
        file.onchange = function () {
          if (!file.files.length) return;
          file.files[0].text().then(function (text) {
            try {
              message.textContent = S.importData(text);
              render(box, bank, root);
            } catch (e) {
              message.textContent = e.message;
            }
            file.value = "";
          });
        };
      },
      function (error) {
        box.querySelector(".quiz-progress__summary").textContent = "The question bank could not be loaded (" + error.message + ").";
      }
    );
  }

  /* Issue 21: removing everything is a second step that says how much would go. */
  function askToReset(reset) {
    var answers = Object.keys(Q.load()).length;
    var exams = S.history().length;
    if (!answers && !exams) return reset();
    Q.confirm(
      "Reset all progress?",
      "This removes " + answers + " answer" + (answers === 1 ? "" : "s") + " and " + exams + " finished exam" + (exams === 1 ? "" : "s") +
        " from this browser. It cannot be undone: export your progress first to keep a copy.",
      "Remove everything",
      "Keep my progress"
    ).then(function (yes) {
      if (yes) reset();
    });
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
      if (Q.isDue(r, now)) due.push(q);
      else if (r && r.wrong > 0 && r.box < 5) later.push(q);
    });
    box.querySelector(".quiz-progress__summary").textContent =
      answered + " of " + bank.questions.length + " questions answered, " + correct + " answered correctly the last time.";
    var fill = function (cls, node) {
      var slot = box.querySelector(cls);
      slot.textContent = "";
      slot.append(node);
      return slot;
    };
    var keys = Object.keys(bank.domains);
    fill(
      ".quiz-progress__domains",
      mastery(
        keys
          .filter(function (k) {
            return domains[k];
          })
          .map(function (k) {
            return domains[k];
          }),
        "Mastery by exam domain",
        "Exam domain"
      )
    );
    fill(
      ".quiz-progress__categories",
      mastery(
        Object.keys(categories)
          .map(function (k) {
            return categories[k];
          })
          .sort(function (a, b) {
            return a.title.localeCompare(b.title);
          }),
        "Mastery by category",
        "Category"
      )
    );
    var past = S.history().reverse();
    var hist = fill(".quiz-progress__history", past.length ? "" : Q.el("p", null, "No finished practice exam yet."));
    if (past.length) {
      hist.appendChild(
        Q.table(
          "quiz-progress__exams",
          "Finished practice exams, newest first",
          ["Date", "Score", "Estimate (100 to 1000, 750 passes)"].concat(
            keys.map(function (k) {
              return bank.domains[k].title;
            })
          ),
          past.map(function (e) {
            return [new Date(e.at).toLocaleString(), e.right + " of " + e.total + " (" + Math.round((100 * e.right) / e.total) + "%)", String(Q.scaled(e.right, e.total))].concat(
              keys.map(function (k) {
                var s = e.domains[k];
                return s ? Q.bar(s[0], s[1]) : "none asked";
              })
            );
          })
        )
      );
    }
    box.querySelector(".quiz-estimate-note").hidden = !past.length;
    window.StudyReadiness.progress(box, bank); /* readiness.js: accuracy by task, drills, projected score */
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
      var fb = Q.checkable(form);
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
    S.show(box);
  }

  if (window.document$) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
