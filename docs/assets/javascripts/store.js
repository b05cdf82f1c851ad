/* StudyStore: the one reader and writer of what quiz.js, practice-exam.js and progress.js keep in
 * localStorage (issue 15). Reads check types; a bad entry (not JSON, wrong types, partial) is
 * ignored with a message (show), the rest kept; unknown fields in a record are dropped.
 * Keys: sapc02-quiz-v1 (answers), sapc02-exam-v1 (exam in progress), sapc02-history-v1.
 *
 * Export file, version 1:
 *   { "version": 1, "exported": ISO date,
 *     "answers": { question id: { "box": Leitner box 1-5, "right": n, "wrong": n,
 *                  "last": last answer right, "at": epoch ms answered, "due": epoch ms } },
 *     "history": [ { "at": epoch ms ended, "right": n, "total": n,
 *                    "domains": { exam domain key: [right, total] },
 *                    "tasks": { exam-guide task id: [right, total] },   (issue 20; optional)
 *                    "full": true when full-length (the whole bank, the page's count and time),
 *                    "timed": true (every exam in the history ran against the clock) } ] }
 * Entries saved before issue 20 have no tasks, full or timed: they load as not full-length.
 * Import is all or nothing (one wrong type changes nothing) and merges: per question the
 * later "at" wins, exams are added once per "at", nothing is removed. */
(function () {
  "use strict";
  var ANSWERS = "sapc02-quiz-v1";
  var EXAM = "sapc02-exam-v1";
  var HISTORY = "sapc02-history-v1";
  var VERSION = 1;
  var notes = {};

  function int(x, min, max) {
    return typeof x === "number" && x % 1 === 0 && x >= min && x <= (max == null ? 9e15 : max);
  }
  function obj(x) {
    return x !== null && typeof x === "object" && !Array.isArray(x);
  }
  function answer(r) {
    return obj(r) && int(r.box, 1, 5) && int(r.right, 0) && int(r.wrong, 0) && typeof r.last === "boolean" && int(r.at, 0) && int(r.due, 0)
      ? { box: r.box, right: r.right, wrong: r.wrong, last: r.last, at: r.at, due: r.due }
      : null;
  }
  /* {key: [right, total]} checked, or null. */
  function scores(x) {
    if (!obj(x)) return null;
    var d = {};
    for (var k in x) {
      var s = x[k];
      if (!Array.isArray(s) || s.length !== 2 || !int(s[1], 1) || !int(s[0], 0, s[1])) return null;
      d[k] = [s[0], s[1]];
    }
    return d;
  }
  function finished(e) {
    if (!obj(e) || !int(e.at, 0) || !int(e.total, 1) || !int(e.right, 0, e.total)) return null;
    var d = scores(e.domains);
    if (!d) return null;
    var out = { at: e.at, right: e.right, total: e.total, domains: d, full: e.full === true, timed: e.timed !== false };
    /* optional since issue 20: a bad score by task drops only that field, never the exam */
    var t = e.tasks === undefined ? null : scores(e.tasks);
    if (t) out.tasks = t;
    return out;
  }
  /* Checks a whole collection: returns [good part, number of bad entries], or null if it is no collection. */
  function answers(x) {
    if (!obj(x)) return null;
    var out = {};
    var bad = 0;
    for (var id in x) {
      var r = /^[\w.-]{1,200}$/.test(id) && answer(x[id]);
      if (r) out[id] = r;
      else bad++;
    }
    return [out, bad];
  }
  function history(x) {
    if (!Array.isArray(x)) return null;
    var out = [];
    x.forEach(function (e) {
      if ((e = finished(e))) out.push(e);
    });
    return [out, x.length - out.length];
  }
  function exam(e) {
    var n = obj(e) && Array.isArray(e.ids) ? e.ids.length : 0;
    var all = function (x, ok) {
      return Array.isArray(x) && x.length === n && x.every(ok);
    };
    var bool = function (f) {
      return typeof f === "boolean";
    };
    return n &&
      (e.mode === "exam" || e.mode === "practice") &&
      all(e.ids, function (id) {
        return typeof id === "string";
      }) &&
      all(e.answers, function (a) {
        return Array.isArray(a) && a.every(function (i) {
          return int(i, 0, 5);
        });
      }) &&
      all(e.flags, bool) &&
      all(e.checked, bool) &&
      int(e.at, 0, n - 1) &&
      int(e.end, 0)
      ? { mode: e.mode, ids: e.ids, answers: e.answers, flags: e.flags, checked: e.checked, at: e.at, end: e.end, full: e.full === true }
      : null;
  }

  function note(text) {
    notes[text] = 1;
  }
  function get(key) {
    try {
      var text = localStorage.getItem(key);
      return text == null ? null : JSON.parse(text);
    } catch (e) {
      return undefined; /* not JSON */
    }
  }
  function put(key, value) {
    try {
      if (value == null) localStorage.removeItem(key);
      else localStorage.setItem(key, JSON.stringify(value));
    } catch (e) {
      /* private mode or full storage: progress is simply not kept */
    }
  }
  /* A stored collection, checked; what: words for the message. */
  function read(key, check, what, empty) {
    var x = get(key);
    if (x === null) return empty;
    var r = x === undefined ? null : check(x);
    if (!r) note("Your saved " + what + " could not be read and " + (x === undefined ? "are not valid JSON" : "have the wrong shape") + ": they were ignored.");
    else if (r[1]) note(r[1] + " of your saved " + what + " had the wrong shape and were ignored; the rest are kept.");
    return r ? r[0] : empty;
  }

  function loadAnswers() {
    return read(ANSWERS, answers, "answers", {});
  }
  function loadHistory() {
    return read(HISTORY, history, "exam results", []);
  }
  function loadExam() {
    var x = get(EXAM);
    if (x === null) return null;
    var e = x && exam(x);
    if (!e) {
      note("The exam in progress could not be read and was discarded.");
      put(EXAM, null);
    }
    return e;
  }
  function addHistory(entry) {
    var list = loadHistory();
    list.push(entry);
    put(HISTORY, list);
  }

  function exportData() {
    return { version: VERSION, exported: new Date().toISOString(), answers: loadAnswers(), history: loadHistory() };
  }
  /* Merges an export file's text; returns the message for the reader. Throws Error(message) and
     changes nothing when the file is not valid JSON, of another version or with wrong types. */
  function importData(text) {
    var x;
    try {
      x = JSON.parse(text);
    } catch (e) {
      throw new Error("This file is not valid JSON, so nothing was imported.");
    }
    if (!obj(x) || x.version !== VERSION)
      throw new Error("This is not a progress file of version " + VERSION + (obj(x) && "version" in x ? " (it says version " + JSON.stringify(x.version).slice(0, 20) + ")" : "") + ", so nothing was imported.");
    var a = answers(x.answers || {});
    var h = history(x.history || []);
    if (!a || a[1] || !h || h[1]) throw new Error("Some entries in this file have the wrong type, so nothing was imported.");
    var mine = loadAnswers();
    var newer = 0;
    for (var id in a[0])
      if (!mine[id] || a[0][id].at > mine[id].at) {
        mine[id] = a[0][id];
        newer++;
      }
    var past = loadHistory();
    var seen = past.map(function (e) {
      return e.at;
    });
    var added = h[0].filter(function (e) {
      return seen.indexOf(e.at) < 0;
    });
    put(ANSWERS, mine);
    put(HISTORY, past.concat(added).sort(function (p, q) {
      return p.at - q.at;
    }));
    return "Imported " + newer + " answer" + (newer === 1 ? "" : "s") + " newer than yours and " + added.length + " exam result" + (added.length === 1 ? "" : "s") + ". Nothing was removed.";
  }

  /* Shows the messages about bad stored data at the top of box (a status region). */
  function show(box) {
    var text = Object.keys(notes).join(" ");
    var p = box.querySelector(".quiz-notice");
    if (!text) return;
    if (!p) {
      p = document.createElement("p");
      p.className = "quiz-notice";
      p.setAttribute("role", "status");
      var h = box.querySelector("h2");
      if (h) h.after(p);
      else box.prepend(p);
    }
    p.textContent = text;
  }

  window.StudyStore = {
    answers: loadAnswers,
    saveAnswers: function (data) {
      put(ANSWERS, data);
    },
    exam: loadExam,
    saveExam: function (e) {
      put(EXAM, e);
    },
    history: loadHistory,
    addHistory: addHistory,
    clearHistory: function () {
      put(HISTORY, null);
    },
    exportData: exportData,
    importData: importData,
    show: show,
    KEYS: [ANSWERS, EXAM, HISTORY]
  };
})();
