/* Practice exam and study sets. The timed exam draws N questions weighted by exam domain, runs a
 * countdown, keeps flags and an answer sheet, then scores by domain and service and reviews each
 * miss. Practice checks each answer at once, no clock; a set comes from one domain, category or
 * the questions due. Issue 15: the run is saved as it goes (StudyStore), a reload or return
 * offers to resume or discard it, a deadline passed meanwhile scores it at the deadline, and
 * finished exams join the history. Markup: overrides/partials/quiz-exam.html; ?n=10&minutes=20. */
(function () {
  "use strict";
  var Q = window.StudyQuiz;
  var S = window.StudyStore;
  var R = window.StudyReadiness; /* readiness.js: sets from chosen exam-guide tasks, score by task */

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

  /* The questions of a set: "domain:<key>", "category:<slug>" or "due". */
  function pool(bank, set) {
    var kind = set.split(":")[0];
    var key = set.slice(kind.length + 1);
    var data = Q.load();
    var now = Date.now();
    return bank.questions.filter(function (q) {
      if (kind === "domain") return q.domains.indexOf(key) >= 0;
      if (kind === "category") return ((bank.pages[q.page] || {}).category || "concepts") === key;
      return Q.isDue(data[q.id], now);
    });
  }

  function clock(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000));
    var pad = function (x) {
      return (x < 10 ? "0" : "") + x;
    };
    return Math.floor(s / 3600) + ":" + pad(Math.floor(s / 60) % 60) + ":" + pad(s % 60);
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
    var resume = box.querySelector(".quiz-exam__resume");
    var timerEl = box.querySelector(".quiz-exam__timer");
    var f = setup.elements;
    var params = new URLSearchParams(location.search);
    if (params.get("n")) f.n.value = params.get("n");
    if (params.get("minutes")) f.minutes.value = params.get("minutes");
    var exam = null;
    var timer = null;
    var bank = null;
    var byId = {};

    Q.bank(box.dataset.bank).then(
      function (b) {
        bank = b;
        bank.questions.forEach(function (q) {
          byId[q.id] = q;
        });
        R.wire(setup);
        setup.addEventListener("submit", function (event) {
          event.preventDefault();
          var tasks = R.chosen(setup); /* chosen tasks take the place of the "Questions from" set */
          var set = tasks.length ? "tasks" : f.set.value;
          var from = tasks.length ? Q.shuffle(R.pool(bank, tasks)) : set ? Q.shuffle(pool(bank, set)) : bank.questions;
          if (!from.length) {
            status.textContent = "No questions " + (set === "due" ? "are due for review now." : "in that set.");
            return;
          }
          var n = Math.max(1, Math.min(+f.n.value || 75, from.length));
          var ids = (set ? from.slice(0, n) : draw(bank, n)).map(function (q) {
            return q.id;
          });
          var none = function () {
            return false;
          };
          var practice = f.mode.value === "practice";
          var minutes = +f.minutes.value || 180;
          start({
            mode: practice ? "practice" : "exam",
            ids: ids,
            answers: ids.map(function () {
              return [];
            }),
            flags: ids.map(none),
            checked: ids.map(none),
            at: 0,
            end: practice ? 0 : Date.now() + minutes * 60000,
            /* full-length: the whole bank weighted by domain, at least the page's count, within its time */
            full: !practice && !set && n >= +box.dataset.defaultCount && minutes <= +box.dataset.defaultMinutes
          });
          var named = tasks.length ? "tasks " + tasks.join(", ") : set ? f.set.selectedOptions[0].textContent : "";
          status.textContent = (practice ? "Practice" : "Exam") + " started: " + n + " questions" + (named ? " from " + named : "") + ".";
        });
        var saved = S.exam();
        if (saved) {
          /* a question the bank no longer has is left out, with its answer */
          var keep = saved.ids.map(function (id) {
            return !!byId[id];
          });
          ["ids", "answers", "flags", "checked"].forEach(function (k) {
            saved[k] = saved[k].filter(function (x, i) {
              return keep[i];
            });
          });
          saved.at = Math.min(saved.at, saved.ids.length - 1);
        }
        if (saved && saved.ids.length) {
          if (saved.end && saved.end <= Date.now()) {
            start(saved, "Time ran out while the page was closed: scored as submitted at the deadline.");
          } else offer(saved);
        } else {
          setup.hidden = false;
          if (R.preset(setup, params)) setup.requestSubmit(); /* a Drill link from the progress page */
        }
        S.show(box);
      },
      function (error) {
        status.textContent = "The question bank could not be loaded (" + error.message + ").";
      }
    );

    function offer(saved) {
      var answered = saved.answers.filter(function (a) {
        return a.length;
      }).length;
      resume.querySelector("p").textContent =
        "You have " + (saved.mode === "exam" ? "an exam" : "a practice set") + " in progress: " + answered + " of " + saved.ids.length + " questions answered" +
        (saved.end ? ", " + clock(saved.end - Date.now()) + " left on its clock" : "") + ". Resume it, or discard it and start another.";
      resume.hidden = false;
      resume.querySelector('[data-do="resume"]').onclick = function () {
        resume.hidden = true;
        start(saved);
        status.textContent = "Resumed at question " + (saved.at + 1) + ".";
      };
      resume.querySelector('[data-do="discard"]').onclick = function () {
        S.saveExam(null);
        resume.hidden = true;
        setup.hidden = false;
        status.textContent = "The unfinished run was discarded.";
      };
    }

    function save() {
      S.saveExam({ mode: exam.mode, ids: exam.ids, answers: exam.answers, flags: exam.flags, checked: exam.checked, at: exam.at, end: exam.end, full: exam.full === true });
    }

    function lock(form) {
      form.querySelectorAll("input, button").forEach(function (x) {
        x.disabled = true;
      });
    }

    /* Runs a set; with why, scores it at once as submitted at its deadline. */
    function start(state, why) {
      exam = state;
      exam.questions = state.ids.map(function (id) {
        return byId[id];
      });
      exam.forms = exam.questions.map(function (q, i) {
        var form = Q.build(q, root, "exam-" + i);
        state.answers[i].forEach(function (k) {
          var input = form.querySelector('input[value="' + k + '"]');
          if (input) input.checked = true;
        });
        form.onchange = function () {
          exam.answers[i] = Q.checked(form);
          save();
          sheet();
        };
        var fb = exam.mode === "practice" && Q.checkable(form);
        var check = function () {
          var ok = Q.check(form, Q.correctOf(q), q.choose, fb);
          if (ok !== null) lock(form);
          return ok;
        };
        if (fb && exam.checked[i]) check();
        form.onsubmit = function (event) {
          event.preventDefault();
          if (!fb || exam.checked[i]) return;
          var ok = check();
          if (ok === null) return;
          Q.record(q.id, ok);
          exam.checked[i] = true;
          save();
        };
        return form;
      });
      if (why) return finish(why, exam.end);
      setup.hidden = true;
      results.hidden = true;
      run.hidden = false;
      timerEl.hidden = !exam.end;
      if (exam.end) {
        tick();
        timer = setInterval(tick, 1000);
      }
      show(exam.at);
    }

    function tick() {
      if (!box.isConnected) return clearInterval(timer); /* left the page through instant navigation */
      var left = exam.end - Date.now();
      timerEl.textContent = "Time left " + clock(left);
      if (left <= 0) {
        Q.closeConfirm(); /* a pending "Finish with…?" step has nothing left to decide */
        finish("Time is up.", exam.end);
      }
    }

    function show(i) {
      exam.at = i;
      save();
      var slot = box.querySelector(".quiz-exam__question");
      slot.textContent = "";
      slot.appendChild(exam.forms[i]);
      box.querySelector(".quiz-exam__count").textContent = "Question " + (i + 1) + " of " + exam.ids.length;
      var flag = box.querySelector('[data-action="flag"]');
      flag.setAttribute("aria-pressed", String(exam.flags[i]));
      flag.textContent = exam.flags[i] ? "Unflag" : "Flag for review";
      box.querySelector('[data-action="prev"]').disabled = i === 0;
      box.querySelector('[data-action="next"]').disabled = i === exam.ids.length - 1;
      sheet();
    }

    function sheet() {
      var nav = box.querySelector(".quiz-exam__sheet");
      nav.textContent = "";
      exam.ids.forEach(function (id, i) {
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
      if (action === "next" && exam.at < exam.ids.length - 1) show(exam.at + 1);
      if (action === "flag") {
        exam.flags[exam.at] = !exam.flags[exam.at];
        show(exam.at);
      }
      if (action === "finish") askToFinish();
    });

    /* Issue 21: finishing with questions unanswered or flagged is a second step that names
       them; with every question answered and none flagged it scores at once. */
    function askToFinish() {
      var open = exam.answers.filter(function (a) {
        return !a.length;
      }).length;
      var flagged = exam.flags.filter(Boolean).length;
      if (!open && !flagged) return finish("");
      var what = [open ? open + " unanswered" : "", flagged ? flagged + " flagged" : ""].filter(Boolean).join(" and ");
      var running = exam;
      Q.confirm(
        "Finish with " + what + "?",
        (open ? "Unanswered questions score as wrong. " : "") +
          (flagged ? "Flagged questions are scored as they stand. " : "") +
          (exam.mode === "exam" ? "The score joins your exam history for good." : "Your practice set ends."),
        "Finish and score",
        "Go back"
      ).then(function (yes) {
        if (yes && exam === running) finish("");
      });
    }

    /* Issue 21: the results open at their heading and score, below Material's sticky header
       (focus alone scrolled a long review so its end showed, after a resume). */
    function showResults() {
      results.focus({ preventScroll: true });
      results.scrollIntoView({ block: "start" });
    }

    function finish(why, at) {
      clearInterval(timer);
      var byDomain = {};
      var byService = {};
      var wrong = [];
      var oks = [];
      var right = 0;
      var timed = exam.mode === "exam";
      var add = function (map, key, title, ok) {
        var r = (map[key] = map[key] || [title, 0, 0]);
        r[1] += ok;
        r[2]++;
      };
      exam.questions.forEach(function (q, i) {
        var ok = Q.sameSet(exam.answers[i], Q.correctOf(q));
        oks.push(ok);
        if (ok) right++;
        else wrong.push(i);
        if (timed && exam.answers[i].length) Q.record(q.id, ok);
        q.domains.forEach(function (d) {
          add(byDomain, d, bank.domains[d].title, ok);
        });
        q.services.forEach(function (s) {
          add(byService, s, bank.pages[s] ? bank.pages[s].title : s, ok);
        });
      });
      var n = exam.ids.length;
      var byTask = R.score(bank, exam.questions, oks);
      S.saveExam(null);
      if (timed) {
        var domains = {};
        for (var d in byDomain) domains[d] = byDomain[d].slice(1);
        S.addHistory({ at: at || Date.now(), right: right, total: n, domains: domains, tasks: byTask, full: exam.full === true, timed: true });
      }
      run.hidden = true;
      results.textContent = "";
      results.appendChild(Q.el("h2", null, "Results"));
      results.appendChild(Q.el("p", "quiz-exam__score", (why ? why + " " : "") + "Score: " + right + " of " + n + " (" + Math.round((100 * right) / n) + "%)."));
      if (timed) {
        results.appendChild(Q.el("p", "quiz-exam__estimate", "Estimated scaled score: " + Q.scaled(right, n) + " on AWS's 100 to 1000 scale, where 750 passes."));
      }
      var rows = function (o, sort) {
        var list = Object.keys(o).map(function (k) {
          var r = o[k];
          return [r[0], String(r[1]), String(r[2]), Q.bar(r[1], r[2])];
        });
        return sort
          ? list.sort(function (a, b) {
              return a[0].localeCompare(b[0]);
            })
          : list;
      };
      results.appendChild(Q.table("quiz-exam__table", "Score by exam domain", ["Exam domain", "Correct", "Questions", "Score"], rows(byDomain)));
      domainNote(results, byDomain, n);
      results.appendChild(R.scoreTable(bank, byTask));
      results.appendChild(Q.table("quiz-exam__table", "Score by service", ["Service", "Correct", "Questions", "Score"], rows(byService, 1)));
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
        box.querySelector(".quiz-estimate-note").hidden = true;
        setup.hidden = false;
        setup.querySelector("button").focus();
      };
      box.querySelector(".quiz-estimate-note").hidden = !timed;
      exam = null;
      results.hidden = false;
      showResults();
      status.textContent = "Finished. Score: " + right + " of " + n + ".";
    }
  }

  /* Issue 21: a question can test two exam domains, so the domain rows may add up to more than
     the questions asked; say so under the table when they do. */
  function domainNote(results, byDomain, n) {
    var sum = 0;
    for (var d in byDomain) sum += byDomain[d][2];
    if (sum > n) {
      results.appendChild(
        Q.el("p", "quiz-exam__domain-note", "The domain rows count " + sum + " questions for the " + n + " asked: a question that tests more than one exam domain counts in each.")
      );
    }
  }

  window.StudyExam = { draw: draw, pool: pool };
  if (window.document$) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
