/* Readiness by exam-guide task (issue 20). The JSON bank carries the guide (bank.guide: domains,
 * the 20 tasks with titles and skills) and each question's tasks; the answers come from
 * StudyStore (store.js) through StudyQuiz.load. Exposes window.StudyReadiness for progress.js and
 * practice-exam.js:
 * - progress page: accuracy per task (answered, right, last answered), weakest first, each with a
 *   Drill link (practice-exam/?tasks=2.2&mode=practice&start=1); the projected scaled-score range
 *   once two full-length timed exams are in the history, or what is still needed for one;
 * - practice exam: the setup's task checkboxes (an exam or practice set from chosen tasks, preset
 *   from ?tasks=), the questions of chosen tasks, and the results' score by task.
 * No framework; text goes in with textContent (Q.el), never as HTML. */
(function () {
  "use strict";
  var Q = window.StudyQuiz;
  var FULL_NEEDED = 2; /* full-length timed exams before a projection */
  var RECENT = 5; /* the projection pools the last this many full-length timed exams */

  function tasksOf(bank) {
    return (bank.guide && bank.guide.tasks) || [];
  }

  /* Accuracy per task from the answers: one row per task of the guide, weakest first. Practised
     tasks by accuracy (right / answered), lowest first; then tasks not practised yet; then tasks
     with no question; ties in the guide's order. */
  function byTask(bank, data) {
    var rows = tasksOf(bank).map(function (t, i) {
      return { id: t.id, title: t.title, order: i, total: 0, answered: 0, right: 0, last: 0 };
    });
    var index = {};
    rows.forEach(function (r) {
      index[r.id] = r;
    });
    bank.questions.forEach(function (q) {
      (q.tasks || []).forEach(function (t) {
        var r = index[t];
        if (!r) return;
        var a = data[q.id];
        r.total++;
        if (!a) return;
        r.answered++;
        if (a.last) r.right++;
        r.last = Math.max(r.last, a.at);
      });
    });
    var rank = function (r) {
      return r.answered ? r.right / r.answered : r.total ? 2 : 3;
    };
    return rows.sort(function (a, b) {
      return rank(a) - rank(b) || a.order - b.order;
    });
  }

  function drillUrl(examUrl, id) {
    return examUrl + "?tasks=" + encodeURIComponent(id) + "&mode=practice&start=1";
  }

  /* The projected scaled score from the history: null until FULL_NEEDED full-length timed exams.
     Pools the last RECENT of them: the share right, give or take two standard errors, on the
     100 to 1000 scale. */
  function projection(history) {
    var full = history.filter(function (e) {
      return e.full === true && e.timed !== false;
    });
    if (full.length < FULL_NEEDED) return { done: full.length, needed: FULL_NEEDED, range: null };
    var recent = full
      .slice()
      .sort(function (a, b) {
        return a.at - b.at;
      })
      .slice(-RECENT);
    var right = 0;
    var total = 0;
    recent.forEach(function (e) {
      right += e.right;
      total += e.total;
    });
    var p = right / total;
    var margin = 1.96 * Math.sqrt((p * (1 - p)) / total);
    return {
      done: full.length,
      needed: FULL_NEEDED,
      exams: recent.length,
      range: [Q.scaled(Math.max(0, p - margin) * total, total), Q.scaled(Math.min(1, p + margin) * total, total)]
    };
  }

  function projectionText(x) {
    if (!x.range)
      return "Finish " + x.needed + " full-length timed exams to see a projected score range; " + x.done + " done.";
    return (
      "Projected scaled score: " + x.range[0] + " to " + x.range[1] + " on AWS's 100 to 1000 scale (750 passes), from your last " +
      x.exams + " full-length timed exams."
    );
  }

  /* The progress page's readiness: called by progress.js each time it renders. */
  function progress(box, bank) {
    var slot = box.querySelector(".quiz-progress__tasks");
    var examUrl = box.dataset.examUrl ? new URL(box.dataset.examUrl, location.href).href : "";
    if (slot) {
      slot.textContent = "";
      var rows = byTask(bank, Q.load());
      if (!rows.length) slot.appendChild(Q.el("p", null, "The question bank names no exam-guide tasks."));
      else
        slot.appendChild(
          Q.table(
            "quiz-progress__table quiz-readiness",
            "Accuracy by exam-guide task, weakest first",
            ["Task", "Questions", "Answered", "Right", "Last answered", "Accuracy", "Drill"],
            rows.map(function (r) {
              var drill;
              if (!r.total) drill = "No question yet";
              else if (!examUrl) drill = "";
              else {
                drill = Q.el("a", "md-button quiz-readiness__drill", "Drill");
                drill.href = drillUrl(examUrl, r.id);
                drill.setAttribute("aria-label", "Drill task " + r.id + ": " + r.total + " question" + (r.total === 1 ? "" : "s"));
              }
              return [
                r.id + " " + r.title,
                String(r.total),
                String(r.answered),
                String(r.right),
                r.last ? new Date(r.last).toLocaleDateString() : "Never",
                r.answered ? Q.bar(r.right, r.answered) : "Not practised yet",
                drill
              ];
            })
          )
        );
    }
    var projected = box.querySelector(".quiz-readiness__projection");
    if (projected) {
      var x = projection(window.StudyStore.history());
      projected.textContent = projectionText(x);
      box.querySelector(".quiz-readiness__note").hidden = !x.range;
    }
  }

  /* ---------------------------------------------------------------- practice exam */

  function chosen(setup) {
    return Array.prototype.map.call(setup.querySelectorAll("input[name=task]:checked"), function (x) {
      return x.value;
    });
  }

  /* The questions that name one of the task ids. */
  function pool(bank, ids) {
    return bank.questions.filter(function (q) {
      return (q.tasks || []).some(function (t) {
        return ids.indexOf(t) >= 0;
      });
    });
  }

  /* Checking a task turns the "Questions from" list off: the set is the chosen tasks' questions. */
  function wire(setup) {
    var select = setup.querySelector("select[name=set]");
    var note = setup.querySelector(".quiz-exam__tasks-note");
    var sync = function () {
      var on = chosen(setup).length > 0;
      if (select) select.disabled = on;
      if (note) note.hidden = !on;
    };
    setup.addEventListener("change", function (event) {
      if (event.target.name === "task") sync();
    });
    sync();
    return sync;
  }

  /* ?tasks=2.2,3.4&mode=practice presets the setup; with start=1 the caller starts the set (the
     parameter is then dropped from the address, so a reload offers to resume instead). */
  function preset(setup, params) {
    var ids = (params.get("tasks") || "").split(",").filter(Boolean);
    if (!ids.length) return false;
    var picked = 0;
    setup.querySelectorAll("input[name=task]").forEach(function (x) {
      x.checked = ids.indexOf(x.value) >= 0 && !x.disabled;
      if (x.checked) picked++;
    });
    var mode = setup.querySelector('input[name=mode][value="' + (params.get("mode") === "practice" ? "practice" : "exam") + '"]');
    if (params.get("mode") && mode) mode.checked = true;
    if (picked) {
      var details = setup.querySelector(".quiz-exam__tasks-box");
      if (details) details.open = true;
    }
    var first = setup.querySelector("input[name=task]");
    if (first) first.dispatchEvent(new Event("change", { bubbles: true })); /* wire() updates the list */
    if (params.get("start") !== "1" || !picked) return false;
    params.delete("start");
    var rest = params.toString();
    history.replaceState(history.state, "", location.pathname + (rest ? "?" + rest : "") + location.hash);
    return true;
  }

  /* The score by task of a finished exam: {task id: [right, total]}, tasks in the guide's order. */
  function score(bank, questions, oks) {
    var out = {};
    tasksOf(bank).forEach(function (t) {
      questions.forEach(function (q, i) {
        if ((q.tasks || []).indexOf(t.id) < 0) return;
        var s = (out[t.id] = out[t.id] || [0, 0]);
        s[0] += oks[i] ? 1 : 0;
        s[1]++;
      });
    });
    return out;
  }

  function scoreTable(bank, byTaskScore) {
    var titles = {};
    tasksOf(bank).forEach(function (t) {
      titles[t.id] = t.title;
    });
    var ids = Object.keys(byTaskScore);
    if (!ids.length) return Q.el("p", "quiz-exam__no-tasks", "None of these questions names its exam-guide task yet, so there is no score by task.");
    return Q.table(
      "quiz-exam__table quiz-exam__by-task",
      "Score by exam-guide task",
      ["Task", "Correct", "Questions", "Score"],
      ids.map(function (id) {
        var s = byTaskScore[id];
        return [id + " " + titles[id], String(s[0]), String(s[1]), Q.bar(s[0], s[1])];
      })
    );
  }

  window.StudyReadiness = {
    byTask: byTask,
    projection: projection,
    projectionText: projectionText,
    progress: progress,
    chosen: chosen,
    pool: pool,
    wire: wire,
    preset: preset,
    score: score,
    scoreTable: scoreTable
  };
})();
