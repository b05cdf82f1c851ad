"""Figures over the whole question bank: does it train for SAP-C02, or for guessing by form?

Plain functions over ``quizzes.Question`` records, shared by ``make quiz-report``
(scripts/quiz_report.py), the content checker (scripts/check_content.py) and the tests
that hold the bank to the thresholds below.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from math import comb

from .quizzes import DOMAINS, GUIDE_STEM, Question

# The bank's standard (issue 13). Tests assert these; the report prints them beside the figures.
MIN_QUESTIONS = 670  # issue 23: the rewrite keeps the bank at 670 or more
MIN_SCENARIO_SHARE = 0.70
MAX_LONGEST_SINGLE = 0.30  # correct option strictly the longest, choose-1 questions
# ... and at least this often: "the longest option is never right" is a tell too (chance: 25%).
MIN_LONGEST_SINGLE = 0.15
MAX_LONGEST_MULTI = 0.15  # correct set exactly the longest options, choose-2/3 questions
MAX_DOMAIN_GAP = 4.0  # percentage points from the exam's weight, by first domain
# Of the choose-1 questions in which one option repeats the stem's words more than any other,
# the share where that option is the answer (chance: 25%). "Pick the option that echoes the
# question" must not pay.
MAX_ECHO = 0.35
MIN_ECHO = 0.15  # ... nor must "never the option that echoes the question"
# Multi-answer questions (choose 2 or 3), as a share of the bank: the exam has some, not many.
MIN_MULTI_SHARE, MAX_MULTI_SHARE = 0.10, 0.20

# Issue 23: the form of a real SAP-C02 item. AWS's official sample items have stems of
# 472-931 characters (median 607), options of 97-485 (median 251), and most end with a
# comparative criterion. A reader who sees only the options' form must do little better than chance.
MIN_STEM_MEDIAN = 500  # characters, scenario stems
MIN_OPTION_MEDIAN = 180  # characters, scenario options
MIN_CRITERION_SHARE = 0.50  # scenario stems ending in LEAST / MOST / fewest ...
MAX_RECALL_SHARE = 0.20
MAX_FORM_EDGE = 0.05  # form-only solver's accuracy minus chance, either way: "pick against the form" must not pay either


def strictly_longest_single(q: Question) -> bool:
    """The one correct option is longer than every other option."""
    right = q.options[q.correct[0]]
    return all(len(right.text) > len(o.text) for o in q.options if o is not right)


def longest_set_multi(q: Question) -> bool:
    """The correct options are exactly the longest ones: each right one longer than every wrong one."""
    right = [len(o.text) for o in q.options if o.correct]
    wrong = [len(o.text) for o in q.options if not o.correct]
    return min(right) > max(wrong)


def echoing_option(q: Question) -> int | None:
    """The option sharing strictly the most content words with the stem, or None on a tie."""
    stem = _words(q.text)
    overlap = [len(_words(o.text) & stem) for o in q.options]
    best = max(overlap)
    return overlap.index(best) if overlap.count(best) == 1 else None


def share(flags: Iterable[bool]) -> float:
    flags = list(flags)
    return sum(flags) / len(flags) if flags else 0.0


@dataclass(frozen=True)
class Figures:
    total: int
    scenario_share: float
    single: int
    multi: int
    longest_single: float
    longest_multi: float
    choose: dict[int, int]
    positions: dict[int, int]  # 1-based position of each correct option -> count
    domains: dict[str, float]  # first domain -> percent of the bank
    guide_stems: int
    missing_reasons: int
    echo: float  # see MAX_ECHO
    echo_questions: int  # choose-1 questions with one most-echoing option
    stem_median: float = 0.0  # issue 23, see MIN_STEM_MEDIAN and below
    option_median: float = 0.0
    criterion_share: float = 0.0
    recall_share: float = 0.0
    form_solver: float = 0.0  # the form-only solver's accuracy
    form_chance: float = 0.0  # a blind guess's accuracy over the same questions


def figures(questions: Sequence[Question]) -> Figures:
    single = [q for q in questions if q.choose == 1]
    multi = [q for q in questions if q.choose > 1]
    firsts = Counter(q.domains[0] for q in questions)
    echoes = [(q, echoing_option(q)) for q in single]
    echoes = [q.correct[0] == i for q, i in echoes if i is not None]
    total = len(questions)
    solver, guess = form_only_solver(questions)
    return Figures(
        total=total,
        scenario_share=share(q.kind == "scenario" for q in questions),
        single=len(single),
        multi=len(multi),
        longest_single=share(strictly_longest_single(q) for q in single),
        longest_multi=share(longest_set_multi(q) for q in multi),
        choose=dict(sorted(Counter(q.choose for q in questions).items())),
        positions=dict(sorted(Counter(i + 1 for q in questions for i in q.correct).items())),
        domains={key: 100 * firsts.get(key, 0) / total if total else 0.0 for key in DOMAINS},
        guide_stems=sum(bool(GUIDE_STEM.search(q.text)) for q in questions),
        missing_reasons=sum(1 for q in questions for o in q.options if not o.why),
        echo=share(echoes),
        echo_questions=len(echoes),
        stem_median=median_stem_length(questions),
        option_median=median_option_length(questions),
        criterion_share=criterion_share(questions),
        recall_share=recall_share(questions),
        form_solver=solver,
        form_chance=guess,
    )


def domain_gaps(fig: Figures) -> dict[str, float]:
    """Percentage points between the bank's share and the exam's weight, per domain."""
    return {key: fig.domains[key] - weight for key, (_title, weight) in DOMAINS.items()}


def problems(fig: Figures) -> list[str]:
    """The thresholds the bank misses; empty when it meets the standard."""
    out = []
    if fig.total < MIN_QUESTIONS:
        out.append(f"{fig.total} questions, fewer than {MIN_QUESTIONS}")
    if fig.scenario_share < MIN_SCENARIO_SHARE:
        out.append(f"scenario share {fig.scenario_share:.0%} is under {MIN_SCENARIO_SHARE:.0%}")
    if fig.longest_single > MAX_LONGEST_SINGLE:
        out.append(f"correct option strictly longest in {fig.longest_single:.0%} of choose-1 questions (max {MAX_LONGEST_SINGLE:.0%})")
    if fig.single and fig.longest_single < MIN_LONGEST_SINGLE:
        out.append(
            f"correct option strictly longest in only {fig.longest_single:.0%} of choose-1 questions (min {MIN_LONGEST_SINGLE:.0%}): "
            "readers learn that the longest option is never right"
        )
    if fig.longest_multi > MAX_LONGEST_MULTI:
        out.append(f"correct set exactly the longest in {fig.longest_multi:.0%} of multi-answer questions (max {MAX_LONGEST_MULTI:.0%})")
    for key, gap in domain_gaps(fig).items():
        if abs(gap) > MAX_DOMAIN_GAP:
            out.append(f"domain {key}: {fig.domains[key]:.1f}% is {gap:+.1f} points from the exam's {DOMAINS[key][1]}%")
    if fig.echo > MAX_ECHO:
        out.append(
            f"the option that repeats the stem's words most is the answer in {fig.echo:.0%} of the {fig.echo_questions} "
            f"questions that have one (max {MAX_ECHO:.0%}; chance 25%)"
        )
    if fig.echo_questions and fig.echo < MIN_ECHO:
        out.append(f"the option that repeats the stem's words most is the answer in only {fig.echo:.0%} (min {MIN_ECHO:.0%})")
    multi_share = fig.multi / fig.total if fig.total else 0.0
    if not MIN_MULTI_SHARE <= multi_share <= MAX_MULTI_SHARE:
        out.append(f"choose-2/3 questions are {multi_share:.0%} of the bank (keep {MIN_MULTI_SHARE:.0%}-{MAX_MULTI_SHARE:.0%})")
    out += realism_problems(fig)
    if fig.guide_stems:
        out.append(f"{fig.guide_stems} stem(s) name the study guide or cheat sheet")
    if fig.missing_reasons:
        out.append(f"{fig.missing_reasons} option(s) without a reason")
    return out


def realism_problems(fig: Figures) -> list[str]:
    """Issue 23's thresholds: the form of a real exam item, and no profit in reading the options' form."""
    out = []
    if fig.stem_median < MIN_STEM_MEDIAN:
        out.append(f"scenario stems have a median of {fig.stem_median:.0f} characters (min {MIN_STEM_MEDIAN})")
    if fig.option_median < MIN_OPTION_MEDIAN:
        out.append(f"scenario options have a median of {fig.option_median:.0f} characters (min {MIN_OPTION_MEDIAN})")
    if fig.criterion_share < MIN_CRITERION_SHARE:
        out.append(f"{fig.criterion_share:.0%} of scenario stems carry a comparative criterion (min {MIN_CRITERION_SHARE:.0%})")
    if fig.recall_share > MAX_RECALL_SHARE:
        out.append(f"recall questions are {fig.recall_share:.0%} of the bank (max {MAX_RECALL_SHARE:.0%})")
    edge = fig.form_solver - fig.form_chance
    if abs(edge) > MAX_FORM_EDGE:
        out.append(
            f"a solver that reads only the options' form is right {fig.form_solver:.1%} of the time against "
            f"{fig.form_chance:.1%} by chance ({100 * edge:+.1f} points; max {100 * MAX_FORM_EDGE:+.0f})"
        )
    return out


_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    _WORD.findall(
        "a an the of to in on for and or with by is are be it its that this which what from as at can must company "
        "needs need wants want solution solutions meet meets requirements requirement should will team"
    )
)


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2)


def same_fact_pairs(questions: Sequence[Question], threshold: float = 0.5) -> list[tuple[Question, Question, float]]:
    """Pairs of questions that likely test the same fact: the same cited section and correct
    answers whose words overlap (Jaccard) at ``threshold`` or more. A report, not a rule:
    two angles on one fact can be deliberate."""
    by_source: dict[tuple[str, str | None], list[Question]] = {}
    for q in questions:
        by_source.setdefault((q.source.page_id, q.source.anchor), []).append(q)
    pairs = []
    for group in by_source.values():
        answers = [(q, _words(" ".join(q.options[i].text for i in q.correct))) for q in group]
        for i, (a, wa) in enumerate(answers):
            for b, wb in answers[i + 1 :]:
                if wa and wb:
                    score = len(wa & wb) / len(wa | wb)
                    if score >= threshold:
                        pairs.append((a, b, score))
    return sorted(pairs, key=lambda p: -p[2])


# ---------------------------------------------------------------- the exam guide (issue 20)

# The targets: every task and every skill tested often enough (guidemap shows the same).
TASK_TARGET = 15
SKILL_TARGET = 2


def per_task(questions: Sequence[Question], task_ids: Iterable[str]) -> dict[str, int]:
    """Questions naming each task (any position), for every task of the guide, in the guide's order."""
    counts = Counter(t for q in questions for t in q.tasks)
    return {t: counts.get(t, 0) for t in task_ids}


def per_skill(questions: Sequence[Question], skill_ids: Iterable[str]) -> dict[str, int]:
    """Questions naming each skill, for every skill of the guide, in the guide's order."""
    counts = Counter(s for q in questions for s in q.skills)
    return {s: counts.get(s, 0) for s in skill_ids}


def below(counts: dict[str, int], target: int) -> dict[str, int]:
    """The entries under ``target``, in the given order."""
    return {key: n for key, n in counts.items() if n < target}


# ---------------------------------------------------------------- exam realism (issue 23)

# A comparative criterion as the exam writes it: "with the LEAST operational overhead",
# "MOST cost-effectively", "the fewest changes to the application", "LEAST downtime".
_CRITERION_CAPS = re.compile(r"\b(?:LEAST|MOST|FEWEST|LOWEST)\b")
_CRITERION_WORDS = re.compile(
    r"\bfewest\b|\b(?:least|most) (?:amount of |possible )?(?:operational|operationally|cost|effort|downtime|secure|"
    r"efficient|development|administrative|management|latency|changes|disruption|data loss)|\bmost cost[- ]effective(?:ly)?\b|"
    r"\blowest (?:cost|latency|operational|possible)",
    re.IGNORECASE,
)
# Words that, on an option, tell a test-wise reader "wrong" (or, if the bank overcorrects, "right").
ABSOLUTE = re.compile(
    r"\b(?:only|never|always|guarantee[sd]?|guaranteeing|impossible|cannot|completely|entirely|instantly|every|all|none|no longer)\b",
    re.IGNORECASE,
)


def median(values: Iterable[float]) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    mid = len(ordered) // 2
    return float(ordered[mid]) if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def scenarios(questions: Sequence[Question]) -> list[Question]:
    return [q for q in questions if q.kind == "scenario"]


def median_stem_length(questions: Sequence[Question]) -> float:
    """Median characters of the scenario questions' stems."""
    return median(len(q.text) for q in scenarios(questions))


def median_option_length(questions: Sequence[Question]) -> float:
    """Median characters of the scenario questions' options (every option, right and wrong)."""
    return median(len(o.text) for q in scenarios(questions) for o in q.options)


def has_criterion(text: str) -> bool:
    """The stem carries a comparative criterion (LEAST, MOST, fewest, most cost-effective...)."""
    return bool(_CRITERION_CAPS.search(text) or _CRITERION_WORDS.search(text))


def criterion_share(questions: Sequence[Question]) -> float:
    """Share of scenario stems with a comparative criterion."""
    return share(has_criterion(q.text) for q in scenarios(questions))


def recall_share(questions: Sequence[Question]) -> float:
    return share(q.kind == "recall" for q in questions)


def form_scores(q: Question) -> list[float]:
    """What a reader who knows no AWS sees in each option: its length (relative to the longest),
    the stem's words it repeats (relative to the most repeated) and absolute words (a penalty)."""
    stem = _words(q.text)
    lengths = [len(o.text) for o in q.options]
    overlaps = [len(_words(o.text) & stem) for o in q.options]
    top_len = max(lengths) or 1
    top_overlap = max(overlaps) or 1
    return [lengths[i] / top_len + overlaps[i] / top_overlap - (1.0 if ABSOLUTE.search(o.text) else 0.0) for i, o in enumerate(q.options)]


def form_only_pick(q: Question) -> tuple[int, ...]:
    """The ``choose`` options with the best form scores; ties go by the option's text, never its position."""
    scores = form_scores(q)
    order = sorted(range(len(q.options)), key=lambda i: (-scores[i], q.options[i].text))
    return tuple(sorted(order[: q.choose]))


def chance(q: Question) -> float:
    """The chance of a blind guess: one right set among C(options, choose)."""
    return 1 / comb(len(q.options), q.choose)


def form_only_solver(questions: Sequence[Question]) -> tuple[float, float]:
    """(accuracy of the form-only solver, accuracy of blind guessing), over the given questions."""
    if not questions:
        return 0.0, 0.0
    right = share(form_only_pick(q) == q.correct for q in questions)
    return right, sum(chance(q) for q in questions) / len(questions)
