/* Practice exam: draws N questions from the JSON bank weighted by exam domain, runs a countdown,
 * keeps flags and an answer sheet, then scores by domain and by service and reviews every miss.
 * Markup: overrides/partials/quiz-exam.html. URL parameters ?n=10&minutes=20 preset the form. */
(function () {
  "use strict";
  var Q = window.StudyQuiz;

  /* Largest-remainder quotas of n over the domain weights, then fill from any domain. */
  function draw(bank, n) {
    var keys = Object.keys(bank.domains);
    var total = keys.reduce(function (s, k) {
      return s + bank.domains[k].weight;
    }, 0);
    var quota = {};
    var given = 0;
    keys.forEach(function (k) {
      quota[k] = Math.floor((n * bank.domains[k].weight) / total);
      given += quota[k];
    });
    keys
      .slice()
      .sort(function (a, b) {
        return ((n * bank.domains[b].weight) / total) % 1 - ((n * bank.domains[a].weight) / total) % 1;
      })
      .slice(0, n - given)
      .forEach(function (k) {
        quota[k]++;
      });
    var pool = Q.shuffle(bank.questions.slice());
    var picked = [];
    keys.forEach(function (k) {
      var want = quota[k];
      pool.forEach(function (q) {
        if (want > 0 && picked.indexOf(q) < 0 && q.domains.indexOf(k) >= 0) {
          picked.push(q);
          want--;
        }
      });
    });
    pool.forEach(function (q) {
      if (picked.length < n && picked.indexOf(q) < 0) picked.push(q);
    });
    return Q.shuffle(picked.slice(0, n));
  }

  function clock(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000));
    var pad = function (x) {
      return (x < 10 ? "0" : "") + x;
    };
    return Math.floor(s / 3600) + ":" + pad(Math.floor(s / 60) % 60) + ":" + pad(s % 60);
  }

  function table(caption, rows) {
    var t = Q.el("table", "quiz-exam__table");
    t.appendChild(Q.el("caption", null, caption));
    var head = t.appendChild(Q.el("tr"));
    ["", "Correct", "Questions", "Score"].forEach(function (h) {
      head.appendChild(Q.el("th", null, h)).scope = "col";
    });
    rows.forEach(function (r) {
      var tr = t.appendChild(Q.el("tr"));
      tr.appendChild(Q.el("th", null, r[0])).scope = "row";
      tr.appendChild(Q.el("td", null, String(r[1])));
      tr.appendChild(Q.el("td", null, String(r[2])));
      tr.appendChild(Q.el("td", null, Math.round((100 * r[1]) / r[2]) + "%"));
    });
    return t;
  }

  function init() {
    var box = document.querySelector("[data-quiz-exam]");
    if (!box || box.dataset.ready) return;
    box.dataset.ready = "1";
    var root = new URL(box.dataset.root, location.href).href;
    var setup = box.querySelector(".quiz-exam__setup");
    var run = box.querySelector(".quiz-exam__run");
    var results = box.querySelector(".quiz-exam__results");
    var status = box.querySelector(".quiz-exam__status");
    var params = new URLSearchParams(location.search);
    if (params.get("n")) setup.elements.n.value = params.get("n");
    if (params.get("minutes")) setup.elements.minutes.value = params.get("minutes");
    var exam = null;
    var timer = null;

    Q.bank(box.dataset.bank).then(
      function (bank) {
        setup.hidden = false;
        setup.addEventListener("submit", function (event) {
          event.preventDefault();
          var n = Math.max(1, Math.min(+setup.elements.n.value || 75, bank.questions.length));
          var questions = draw(bank, n);
          exam = {
            bank: bank,
            questions: questions,
            answers: questions.map(function () {
              return [];
            }),
            flags: questions.map(function () {
              return false;
            }),
            forms: questions.map(function (q, i) {
              return Q.build(q, root, "exam-" + i);
            }),
            at: 0,
            end: Date.now() + (+setup.elements.minutes.value || 180) * 60000
          };
          setup.hidden = true;
          results.hidden = true;
          run.hidden = false;
          tick();
          timer = setInterval(tick, 1000);
          show(0);
          status.textContent = "Exam started: " + n + " questions.";
        });
      },
      function (error) {
        status.textContent = "The question bank could not be loaded (" + error.message + ").";
      }
    );

    function tick() {
      if (!box.isConnected) return clearInterval(timer); /* left the page through instant navigation */
      var left = exam.end - Date.now();
      box.querySelector(".quiz-exam__timer").textContent = "Time left " + clock(left);
      if (left <= 0) finish("Time is up.");
    }

    function show(i) {
      exam.at = i;
      var slot = box.querySelector(".quiz-exam__question");
      slot.textContent = "";
      var form = exam.forms[i];
      slot.appendChild(form);
      form.onchange = function () {
        exam.answers[i] = Q.checked(form);
        sheet();
      };
      form.onsubmit = function (event) {
        event.preventDefault();
      };
      box.querySelector(".quiz-exam__count").textContent = "Question " + (i + 1) + " of " + exam.questions.length;
      var flag = box.querySelector('[data-action="flag"]');
      flag.setAttribute("aria-pressed", String(exam.flags[i]));
      flag.textContent = exam.flags[i] ? "Unflag" : "Flag for review";
      box.querySelector('[data-action="prev"]').disabled = i === 0;
      box.querySelector('[data-action="next"]').disabled = i === exam.questions.length - 1;
      sheet();
    }

    function sheet() {
      var nav = box.querySelector(".quiz-exam__sheet");
      nav.textContent = "";
      exam.questions.forEach(function (q, i) {
        var answered = exam.answers[i].length > 0;
        var b = nav.appendChild(Q.el("button", "quiz-exam__cell", String(i + 1)));
        b.type = "button";
        b.classList.toggle("is-answered", answered);
        b.classList.toggle("is-flagged", exam.flags[i]);
        if (i === exam.at) b.setAttribute("aria-current", "step");
        b.setAttribute("aria-label", "Question " + (i + 1) + ": " + (answered ? "answered" : "unanswered") + (exam.flags[i] ? ", flagged" : ""));
        b.onclick = function () {
          show(i);
        };
      });
    }

    box.querySelector(".quiz-exam__nav").addEventListener("click", function (event) {
      var action = event.target.closest("button") && event.target.closest("button").dataset.action;
      if (!exam || !action) return;
      if (action === "prev" && exam.at > 0) show(exam.at - 1);
      if (action === "next" && exam.at < exam.questions.length - 1) show(exam.at + 1);
      if (action === "flag") {
        exam.flags[exam.at] = !exam.flags[exam.at];
        show(exam.at);
      }
      if (action === "finish") finish("");
    });

    function finish(why) {
      clearInterval(timer);
      var bank = exam.bank;
      var byDomain = {};
      var byService = {};
      var wrong = [];
      var right = 0;
      exam.questions.forEach(function (q, i) {
        var ok = Q.sameSet(exam.answers[i], Q.correctOf(q));
        if (ok) right++;
        else wrong.push(i);
        if (exam.answers[i].length) Q.record(q.id, ok);
        q.domains.forEach(function (d) {
          var r = (byDomain[d] = byDomain[d] || [bank.domains[d].title, 0, 0]);
          r[1] += ok;
          r[2]++;
        });
        q.services.forEach(function (s) {
          var r = (byService[s] = byService[s] || [bank.pages[s] ? bank.pages[s].title : s, 0, 0]);
          r[1] += ok;
          r[2]++;
        });
      });
      run.hidden = true;
      results.textContent = "";
      var n = exam.questions.length;
      results.appendChild(Q.el("h2", null, "Results"));
      results.appendChild(Q.el("p", "quiz-exam__score", (why ? why + " " : "") + "Score: " + right + " of " + n + " (" + Math.round((100 * right) / n) + "%)."));
      var values = function (o) {
        return Object.keys(o).map(function (k) {
          return o[k];
        });
      };
      results.appendChild(table("Score by exam domain", values(byDomain)));
      results.appendChild(
        table(
          "Score by service",
          values(byService).sort(function (a, b) {
            return a[0].localeCompare(b[0]);
          })
        )
      );
      results.appendChild(Q.el("h2", null, wrong.length ? "Review your wrong answers" : "No wrong answers"));
      var list = results.appendChild(Q.el("ol", "quiz-exam__review"));
      wrong.forEach(function (i) {
        var q = exam.questions[i];
        var li = list.appendChild(Q.el("li"));
        li.dataset.questionId = q.id;
        li.appendChild(Q.el("p", "quiz-exam__q", q.question));
        var mine = exam.answers[i].map(function (k) {
          return q.options[k].text;
        });
        li.appendChild(Q.el("p", "quiz-exam__mine", "Your answer: " + (mine.length ? mine.join("; ") : "(none)")));
        var answer = Q.correctOf(q).map(function (k) {
          return q.options[k].text;
        });
        li.appendChild(Q.el("p", "quiz-exam__right", "Answer: " + answer.join("; ")));
        li.appendChild(Q.explain(q, root));
      });
      var again = results.appendChild(Q.el("button", "md-button md-button--primary", "New exam"));
      again.type = "button";
      again.onclick = function () {
        results.hidden = true;
        setup.hidden = false;
        setup.querySelector("button").focus();
      };
      results.hidden = false;
      results.focus();
      status.textContent = "Exam finished. Score: " + right + " of " + n + ".";
    }
  }

  window.StudyExam = { draw: draw };
  if (window.document$) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
