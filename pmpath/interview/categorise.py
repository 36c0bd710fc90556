"""Suggest a category for a question someone adds to the bank. Pure: no Django.

A small weighted keyword model: each category has phrases that interviewers use when asking
that kind of question ("tell me about a time" for behavioural, "how many" for estimation).
The category with the most weight wins; the matched phrases are returned, so the suggestion
can explain itself. With nothing matched, the answer is product sense, the commonest kind of
PM interview question, with zero confidence."""

from __future__ import annotations

import re
from dataclasses import dataclass

# (category, pattern, weight). Patterns run on lower-cased text with straight apostrophes.
RULES: tuple[tuple[str, str, float], ...] = (
    # Behavioural: a story from the candidate's past.
    (
        "behavioural",
        r"\btell me about (a|an|the|someone|something you|how you|your|working)\b"
        r"(?! (product|app|service|company)\b)",
        4,
    ),
    ("behavioural", r"\btell me about a time\b", 3),
    ("behavioural", r"\bdescribe (a|an|the|how you) ", 4),
    (
        "behavioural",
        r"\bgive (me an example|an example of (a time|when|how you)|a recent example)\b",
        3,
    ),
    ("behavioural", r"\bhave you ever\b", 3),
    (
        "behavioural",
        r"\bwalk me through (how you (built|ran|led|made|did|handled)|what you did)\b",
        4,
    ),
    ("behavioural", r"\byour (last|previous|current) (role|job|team|manager|roadmap)\b", 2),
    ("behavioural", r"\bhow do you (seek|keep|handle|deal|give|get|build)\b", 2),
    ("behavioural", r"\bwhat have you done\b", 3),
    (
        "behavioural",
        r"\byou (disagreed|failed|led|managed|made|had|were|dealt|worked|delegated|changed"
        r"|removed|built|went|used|got|gave|decided|designed|analysed|committed|missed"
        r"|underestimated|persuaded|combined|explained|wrote|stopped|took|moved|chose)\b",
        2,
    ),
    # Motivation: why this job, why you.
    ("motivation", r"\bwhy do you want\b", 5),
    ("motivation", r"\bwhy (product management|be a product manager|pm)\b", 5),
    ("motivation", r"\bwhy (move|are you leaving|leave|an? )", 3),
    ("motivation", r"\btell me about yourself\b", 6),
    ("motivation", r"\bwalk me through your (career|cv|resume|background)\b", 6),
    ("motivation", r"\bwhat is your favou?rite (product|app)\b", 6),
    ("motivation", r"\bwhere do you see yourself\b|\byourself in five years\b", 6),
    ("motivation", r"\bmotivates? you\b", 5),
    ("motivation", r"\bwhy should we hire\b", 6),
    ("motivation", r"\bquestions (do you have )?for us\b", 6),
    ("motivation", r"\bmost proud\b|\bproudest\b", 4),
    ("motivation", r"\bgap\b", 2),
    ("motivation", r"\b(left|leave|leaving) your\b", 4),
    ("motivation", r"\bready for\b", 3),
    ("motivation", r"\bkeep up with\b", 4),
    ("motivation", r"\bexcites? you\b", 4),
    ("motivation", r"\byour career\b", 3),
    ("motivation", r"\brather than\b", 1),
    ("motivation", r"\bstarted using\b", 5),
    ("motivation", r"\boutside (of )?work\b", 6),
    ("motivation", r"\b(you come from|you are a strong|you have worked in)\b", 4),
    ("motivation", r"\bbest product manager\b|\bdoes all day\b|\bdo all day\b", 4),
    ("motivation", r"\bhardest\b.*\bjob\b", 3),
    # Company research: about the interviewer's company, or a named one.
    (
        "company",
        r"\bour (\w+ ){0,2}(product|products|company|competitors|business|mission|features"
        r"|customers|launch|app)\b",
        5,
    ),
    ("company", r"\b(about|in) our\b", 2),
    ("company", r"\bwhile preparing\b", 5),
    ("company", r"\bif you (ran|joined) (this|the|our)\b", 4),
    ("company", r"\bwork (on )?(first )?here\b|\bthis company\b", 2),
    (
        "company",
        r"\b(?!manager|user|customer|team|company|product|startup)[a-z]+'s "
        r"(product|app|main|job search|advertising|rider)\b",
        3,
    ),
    ("company", r"\bwhat would you (change|add) (about|in|to)\b", 2),
    # Estimation: a number from reasoning.
    ("estimation", r"\bhow many\b", 5),
    ("estimation", r"\bestimate\b", 4),
    (
        "estimation",
        r"\b(market size|size of the market|size (the|this|that) (market|opportunity))\b",
        5,
    ),
    ("estimation", r"\bsizing\b", 4),
    ("estimation", r"\bhow much (revenue|money|data|storage|does|would|is|do)\b", 4),
    ("estimation", r"\bper (year|day|month|week)\b", 1),
    ("estimation", r"\b(fermi|ballpark)\b", 4),
    # Execution: metrics, root cause, trade-offs, prioritisation, goals.
    ("execution", r"\bmetrics?\b|\bkpis?\b", 3),
    (
        "execution",
        r"\b(dropped|drop|fell|fallen|declined|decline|decreased|went down|spiked|jumped|rose"
        r"|risen|doubled|increased|grew)\b",
        3,
    ),
    ("execution", r"\b(up|down) \d+ ?%|\b\d+(\.\d+)? ?(%|percentage points?)", 1),
    ("execution", r"\bsuccess\b|\bsucceeded\b", 2),
    ("execution", r"\bmeasure\b|\bevaluate\b", 2),
    ("execution", r"\bprioriti[sz]e\b|\bbacklog\b", 3),
    ("execution", r"\btrade-?offs?\b", 1),
    ("execution", r"\b(a/b|ab) tests?\b|\bexperiments?\b", 3),
    (
        "execution",
        r"\b(do you launch|should (you|we) launch|launch it\b|ship it|roll ?back|go or no-go"
        r"|roll (it )?out)",
        3,
    ),
    (
        "execution",
        r"\b(find out why|find the cause|root cause|diagnose|what happened|what is going on"
        r"|is that good news|a success)\b",
        4,
    ),
    ("execution", r"\b(okrs?|objectives and key results|goals?|targets?|optimi[sz]e for)\b", 2),
    ("execution", r"\b(how (do|would) you (decide|choose)|what do you do)\b", 1.5),
    ("execution", r"\bdeadline\b|\bthis quarter\b|\bnext quarter\b", 1),
    # Strategy: markets, competition, business models.
    ("strategy", r"^should\b", 3),
    (
        "strategy",
        r"\bshould ([a-z]+ ){1,2}(enter|build|buy|acquire|launch|expand|compete|partner|charge"
        r"|move into|get into|invest|offer|sell|rent)\b",
        2,
    ),
    ("strategy", r"\benter (the|a|new)\b|\bnew market\b|\b(crowded|competitive) market\b", 3),
    ("strategy", r"\bmarkets?\b", 1.5),
    ("strategy", r"\bcompet(e|es|ing|ition|itors?)\b|\brival\b", 2),
    ("strategy", r"\b(acquire|acquisition|merger|buy a|partner with|pivot)\b", 3),
    (
        "strategy",
        r"\b(pricing|price|take rate|subscription|free plan|free trial|monetis\w*|monetiz\w*"
        r"|business model|revenue|make money)\b",
        2,
    ),
    ("strategy", r"\bstrateg(y|ic)\b", 3),
    (
        "strategy",
        r"\b(expand\w*|international\w*|threat|moat|go-to-market|upmarket|enterprises?"
        r"|network effects?|advantage|ecosystem|respond|grow next|first \d[\d,]* users)\b",
        2,
    ),
    ("strategy", r"\bwhy did\b.*\b(fail|become|succeed|win)\b", 3),
    # Technical: how software works and working with engineers.
    ("technical", r"\bhow (does|do|would) (?!you\b)[a-z' -]{2,40} work\b", 4),
    (
        "technical",
        r"\bhow (does|do) (a|an|the) [a-z-]+ (app|service|engine|system|website|site)\b",
        4,
    ),
    ("technical", r"\bwhat happens\b", 3),
    ("technical", r"\bapis?\b|\bwebhooks?\b|\bendpoints?\b", 4),
    ("technical", r"\b(database|cache|server|latency|architecture|percentile|load)\b", 3),
    ("technical", r"\bsystem\b|\bsystems\b", 1.5),
    ("technical", r"\bengineer(s|ing)?\b", 1.5),
    (
        "technical",
        r"\b(machine learning|language models?|ml models?|recommendation model|the model"
        r"|algorithm)\b",
        3,
    ),
    ("technical", r"\b(ai|generative)\b", 1),
    ("technical", r"\btechnical\b", 3),
    ("technical", r"\b(data pipeline|pipeline|tracking plan|event tracking|dashboards?)\b", 3),
    ("technical", r"\b(build or buy|third-party provider)\b", 2),
    ("technical", r"\b(authentication|sign in|login|log in)\b", 2),
    ("technical", r"\b(outage|is down|feature flags?|releases?|migrat\w*|sync)\b", 2),
    ("technical", r"\b(app store|traffic|automated)\b", 2),
    ("technical", r"\b(privacy|security|encrypt\w*|permission)\b", 2),
    ("technical", r"\b(browser|web address|search engine|autocomplete|spam|offline)\b", 3),
    ("technical", r"\b(real-time|stream processing|batch job|precision|recall)\b", 3),
    ("technical", r"\bdesign the (api|data|notification|system|backend)\b", 4),
    # Product sense: design or improve something for people.
    ("product_sense", r"\b(design|build|create|invent) (a|an|the)\b", 3),
    ("product_sense", r"\bimprove\b|\bredesign\b", 3),
    ("product_sense", r"\bhow would you (improve|design|redesign|build)\b", 3),
    ("product_sense", r"\bwhat would you (build|fix|add|change)\b", 3),
    ("product_sense", r"\bfor (people|children|kids|the elderly|older|seniors|blind|students)", 2),
    ("product_sense", r"\bfor (parents|travellers|travelers|commuters|teachers|doctors)\b", 2),
    ("product_sense", r"\b(new feature|new product|product for|user experience)\b", 2),
    ("product_sense", r"\bwhat (product|feature) would you\b", 3),
    ("product_sense", r"\b(favou?rite product|product you use|app you)\b", 3),
)
# On a tie, the earlier category wins: the specific kinds before the broad ones.
PRIORITY = (
    "behavioural",
    "motivation",
    "estimation",
    "company",
    "technical",
    "execution",
    "strategy",
    "product_sense",
)
DEFAULT = "product_sense"
_COMPILED = tuple((category, re.compile(pattern), weight) for category, pattern, weight in RULES)


@dataclass(frozen=True)
class Suggestion:
    category: str
    confidence: float  # 0..1: the winner's share of all the weight matched
    matched: tuple[str, ...]  # the phrases that voted for the winner


def suggest(text: str) -> Suggestion:
    lowered = " ".join(text.lower().replace("\u2019", "'").split())
    scores: dict[str, float] = {}
    phrases: dict[str, list[str]] = {}
    for category, pattern, weight in _COMPILED:
        found = pattern.search(lowered)
        if found:
            scores[category] = scores.get(category, 0.0) + weight
            phrases.setdefault(category, []).append(found.group(0).strip())
    if not scores:
        return Suggestion(DEFAULT, 0.0, ())
    best = max(PRIORITY, key=lambda c: (scores.get(c, 0.0), -PRIORITY.index(c)))
    total = sum(scores.values())
    return Suggestion(best, round(scores[best] / total, 2), tuple(phrases[best]))


def category_of(text: str) -> str:
    return suggest(text).category
