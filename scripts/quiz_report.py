"""The question bank's figures against the SAP-C02 standard (issue 13).

    make quiz-report

Loads every ``*.quiz.yml`` with the build's own validator (no build needed) and prints:
bank size and scenario share, the length-bias shares, the spread of correct positions,
the domain shares against the exam's weights, the count per choose, questions per page and
per category, options without a reason, the exam-realism figures (issue 23: scenario stem and
option lengths, comparative criteria, recall share, a form-only solver against chance),
questions per exam-guide task and skill with those below target (issue 20), and pairs of
questions that may test the same fact. Exit status 1 when a threshold of hooks/studyguide/quizstats.py is missed (the tests
assert the same thresholds), or when a quiz file is invalid.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
sys.path.insert(0, str(ROOT / "hooks"))

from studyguide import docsfiles, examguide, quizstats, quizzes  # noqa: E402
from studyguide.catalog import build_catalog  # noqa: E402
from studyguide.errors import join_errors  # noqa: E402


def load(docs: Path = DOCS):
    catalog = build_catalog(docsfiles.read(docs, ".md"))
    bank, errors = quizzes.load_bank(docsfiles.read(docs, quizzes.SUFFIX), catalog, examguide.read(str(docs)))
    return catalog, bank, errors


def report(catalog, bank, *, pairs_shown: int = 15, guide=None) -> list[str]:
    fig = quizstats.figures(bank.questions)
    out = [
        f"Questions: {fig.total} (standard: {quizstats.MIN_QUESTIONS} or more)",
        f"Scenario questions: {fig.scenario_share:.1%} (standard: {quizstats.MIN_SCENARIO_SHARE:.0%} or more)",
        f"By choose: {', '.join(f'choose {k}: {v}' for k, v in fig.choose.items())}",
        f"Correct option strictly the longest, choose 1: {fig.longest_single:.1%} of {fig.single} "
        f"(standard: {quizstats.MIN_LONGEST_SINGLE:.0%} to {quizstats.MAX_LONGEST_SINGLE:.0%}; chance 25%)",
        f"Correct set exactly the longest options, choose 2 and 3: {fig.longest_multi:.1%} of {fig.multi} "
        f"(standard: {quizstats.MAX_LONGEST_MULTI:.0%} or less)",
        f"Answer is the option that repeats the stem's words most: {fig.echo:.1%} of {fig.echo_questions} "
        f"(standard: {quizstats.MIN_ECHO:.0%} to {quizstats.MAX_ECHO:.0%}; chance 25%)",
        "Correct positions as written (the widget shuffles them): " + ", ".join(f"{pos}: {count}" for pos, count in fig.positions.items()),
        f"Stems naming the study guide or cheat sheet: {fig.guide_stems}",
        f"Options without a reason: {fig.missing_reasons}",
        "",
        "Domain shares by first domain (exam weight, gap; standard: within 4 points):",
    ]
    for key, (title, weight) in quizzes.DOMAINS.items():
        gap = fig.domains[key] - weight
        out.append(f"  {title:<52} {fig.domains[key]:5.1f}%  ({weight}%, {gap:+.1f})")
    per_category = Counter(catalog.pages[q.page_id].category or "concepts" for q in bank.questions)
    out += ["", "Questions per category:"]
    out += [f"  {slug:<28} {count}" for slug, count in sorted(per_category.items(), key=lambda kv: -kv[1])]
    content = [p for p in catalog.pages.values()]
    per_page = Counter(q.page_id for q in bank.questions)
    out += ["", "Questions per page:"]
    counts = Counter(per_page.get(p.id, 0) for p in content)
    out.append("  " + ", ".join(f"{n} question(s): {pages} page(s)" for n, pages in sorted(counts.items())))
    fewest = sorted(content, key=lambda p: (per_page.get(p.id, 0), p.id))[:10]
    out.append("  fewest: " + ", ".join(f"{p.id} ({per_page.get(p.id, 0)})" for p in fewest))
    most = per_page.most_common(10)
    out.append("  most: " + ", ".join(f"{pid} ({n})" for pid, n in most))
    out += realism(bank.questions)
    if guide is not None:
        out += guide_coverage(bank.questions, guide)
    pairs = quizstats.same_fact_pairs(bank.questions)
    out += ["", f"Pairs that may test the same fact (same section, overlapping answers): {len(pairs)}"]
    out += [f"  {a.id}  ~  {b.id}  ({score:.2f})" for a, b, score in pairs[:pairs_shown]]
    problems = quizstats.problems(fig)
    out += ["", "Meets the standard." if not problems else "Misses the standard:"]
    out += [f"  - {p}" for p in problems]
    return out


def realism(questions) -> list[str]:
    """Issue 23: how close the bank's form is to the real exam's (thresholds in quizstats.realism_problems)."""
    solver, chance = quizstats.form_only_solver(questions)
    return [
        "",
        "Exam realism (issue 23; the official sample items: stems median 607, options median 251):",
        f"  Scenario stems, median length: {quizstats.median_stem_length(questions):.0f} characters",
        f"  Scenario options, median length: {quizstats.median_option_length(questions):.0f} characters",
        f"  Scenario stems with a comparative criterion (LEAST, MOST, fewest...): {quizstats.criterion_share(questions):.1%}",
        f"  Recall questions: {quizstats.recall_share(questions):.1%}",
        f"  Form-only solver (option length, stem words repeated, absolute words): {solver:.1%} right "
        f"against {chance:.1%} by chance ({100 * (solver - chance):+.1f} points)",
    ]


def guide_coverage(questions, guide) -> list[str]:
    """Issue 20: questions per exam-guide task and skill, and those below the targets."""
    tasks = quizstats.per_task(questions, guide.tasks)
    skills = quizstats.per_skill(questions, guide.skills)
    tagged = sum(1 for q in questions if q.tasks)
    out = [
        "",
        f"Questions per exam-guide task and skill ({tagged} of {len(questions)} questions name their tasks; "
        f"target: {quizstats.TASK_TARGET} per task, {quizstats.SKILL_TARGET} per skill):",
    ]
    for tid, task in guide.tasks.items():
        out.append(f"  {tid:<5} {task.title:<78} {tasks[tid]:>4}")
        out.append("        " + "  ".join(f"{s.id}: {skills[s.id]}" for s in task.skills))
    short_tasks = quizstats.below(tasks, quizstats.TASK_TARGET)
    short_skills = quizstats.below(skills, quizstats.SKILL_TARGET)
    out.append(f"Tasks below {quizstats.TASK_TARGET} questions: {len(short_tasks)}")
    if short_tasks:
        out.append("  " + ", ".join(f"{t} ({n})" for t, n in short_tasks.items()))
    out.append(f"Skills below {quizstats.SKILL_TARGET} questions: {len(short_skills)}")
    if short_skills:
        out.append("  " + ", ".join(f"{s} ({n})" for s, n in short_skills.items()))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=15, help="how many same-fact pairs to list")
    parser.add_argument("--docs", type=Path, default=DOCS, help="the docs folder (default: the project's)")
    args = parser.parse_args(argv)
    catalog, bank, errors = load(args.docs)
    guide = examguide.read(str(args.docs))
    if errors:
        print(f"{len(errors)} problem(s) in the quiz files:\n{join_errors(errors)}", file=sys.stderr)
        return 1
    lines = report(catalog, bank, pairs_shown=args.pairs, guide=guide)
    print("\n".join(lines))
    return 1 if quizstats.problems(quizstats.figures(bank.questions)) else 0


if __name__ == "__main__":
    sys.exit(main())
