"""Classify a job title into a job family and, for product management, a level. Pure.

    >>> classify("Sr. PM - Growth (Remote)").level
    'senior_pm'

How it works, in three steps:

1. `normalise_title` folds case and accents, expands abbreviations ("Sr." -> senior, "GPM" ->
   group product manager) and turns every separator ("," "-" "|" "/" brackets...) into " | ", so
   "Product Manager, Payments" becomes "product manager | payments".
2. The first segment that names a role decides the family. Inside a segment English titles are
   head-final ("Product *Designer*", "Product Marketing *Manager*", "Product Analytics
   *Engineer*"), so among the role phrases found, the one that ends last wins.
3. The level comes from seniority words next to that role phrase, or from a segment made only of
   seniority words ("Director, Product Management", "Product Manager (Senior)").

Nothing here is a table of known titles: each rule is a phrase pattern, with a comment on why.

Decisions worth knowing:
- TPM is a technical *program* manager (other); PMM is product marketing (other).
- A title naming both a PM and an adjacent job ("PM/Product Owner") is PM, less confidently.
- "Product Manager I/II" and "PM 2" are pm; III and above are senior_pm. "Associate" beats
  "Senior" ("Senior Associate PM" is apm); "Director" beats everything ("Associate Director").
- "Manager, Product Management" manages PMs: lead_pm. "Product Lead" is lead_pm, lifted to
  director only when the description says it manages PMs.
- German "Produktmanager" is pm (it can be marketing-flavoured; confidence says so); "Leiter
  Produktmanagement" is director, "Teamleiter Produktmanagement" lead_pm. French "Chef de
  produit" and "Responsable produit" are pm; "Directeur/Directrice produit" director.
- The description never overrides a recognised title: it only lifts "Product Lead" and rescues
  titles with no known role, with confidence 0.5.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

__all__ = ["Classification", "Family", "Level", "classify", "normalise_title"]

Family = Literal["product_management", "adjacent", "other"]
Level = Literal["apm", "pm", "senior_pm", "lead_pm", "director"]

# A job title is short; anything longer is pasted text. Reading only the start keeps the engine
# fast on hostile input, and such a title gets a lower confidence.
MAX_TITLE_CHARS = 200
MAX_DESCRIPTION_CHARS = 5000


@dataclass(frozen=True)
class Classification:
    title: str
    family: Family
    level: Level | None
    confidence: float
    reasons: tuple[str, ...]


# --- Normalisation ------------------------------------------------------------------------------

# Abbreviations seen in real postings. TPM is a *program* manager (the common meaning in tech).
_ABBREVIATIONS = {
    "sr": "senior", "snr": "senior", "jr": "junior", "jnr": "junior",
    "pm": "product manager", "pms": "product managers", "pdm": "product manager",
    "apm": "associate product manager", "apms": "associate product managers",
    "rapm": "rotational associate product manager", "gpm": "group product manager",
    "tpm": "technical program manager", "tpgm": "technical program manager",
    "pgm": "program manager",
    "pjm": "project manager", "pmm": "product marketing manager",
    "po": "product owner", "tpo": "technical product owner",
    "vp": "vice president", "svp": "senior vice president", "evp": "executive vice president",
    "cpo": "chief product officer", "cto": "chief technology officer",
    "ceo": "chief executive officer", "coo": "chief operating officer",
    "cmo": "chief marketing officer",
    "dir": "director", "mgr": "manager", "mngr": "manager",
    "mgmt": "management", "mgt": "management",
    "mktg": "marketing", "mkt": "marketing", "ops": "operations", "assoc": "associate",
    "prin": "principal", "grp": "group", "prod": "product", "tech": "technical",
    "eng": "engineer", "engr": "engineer", "swe": "software engineer",
    "sde": "software development engineer",
}  # fmt: skip
# Roman numerals as levels ("Product Manager II"). "v" is left alone: too often a letter.
_NUMERALS = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}
# Letters that NFKD does not decompose into ASCII.
_FOLD_TABLE = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "\u0131": "i",
     "\u2010": "-", "\u2011": "-"}
)  # fmt: skip
# German, French and Spanish ads carry gender markers: (m/w/d), (H/F), (all genders). Only "/" is
# accepted between letters: normalised text never contains "/", which keeps this idempotent.
_GENDER_RE = re.compile(r"\(?\b[mwfdhx](?:\s*/\s*[mwfdhx]){1,3}\b\)?|\((?:all genders|gn\*?)\)")
# Gender-inclusive German: Produktmanager*in, Produktmanager:in, Produktmanager/in.
# ...and French inclusive writing: directeur·rice, chargé·e·s.
_GENDER_SUFFIX_RE = re.compile(r"(?<=er)[*:_/](?=in(?:nen)?\b)|(?<=\w)·\w{1,5}(?:·s)?\b")
# A hyphen with space on one side is a separator ("Senior PM - Growth"); inside a word it is a
# space ("E-Commerce", "Sr.-PM"). Dashes and brackets are always separators.
_HYPHEN_SEP_RE = re.compile(r"\s+-+\s*|\s*-+\s+|^-+|-+$")
_SEP_RE = re.compile(r"[,;|/\\()\[\]{}:•·@<>\"«»\u2013\u2014\u2015\u2212]+")
_APOSTROPHE_RE = re.compile(r"['\u2019`]")
_NONWORD_RE = re.compile(r"[^\w|]+|_+")
_WORD_RE = re.compile(r"[^\W\d_]{2}")  # two letters in a row: something to read


def _fold(text: str) -> str:
    """Lowercase and strip accents. Repeats until stable so that the result is a fixed point."""
    if text.isascii():
        return text.lower()
    for _ in range(4):
        folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
        folded = "".join(c for c in folded if not unicodedata.combining(c)).translate(_FOLD_TABLE)
        if folded == text:
            break
        text = folded
    return text


def _normalise(title: str) -> tuple[str, list[tuple[str, str]]]:
    """The normalised title, and the abbreviations expanded on the way (for the reasons)."""
    text = _GENDER_SUFFIX_RE.sub("", _GENDER_RE.sub(" ", _fold(title)))
    text = _HYPHEN_SEP_RE.sub(" | ", text).replace("-", " ").replace("&", " and ")
    text = _NONWORD_RE.sub(" ", _SEP_RE.sub(" | ", _APOSTROPHE_RE.sub("", text)))
    expanded: list[tuple[str, str]] = []
    segments = []
    for part in text.split("|"):
        words = []
        for word in part.split():
            full = _ABBREVIATIONS.get(word) or _NUMERALS.get(word)
            if full:
                expanded.append((word, full))
            words.append(full or word)
        if words:
            segments.append(" ".join(words))
    return " | ".join(segments), expanded


def normalise_title(title: str) -> str:
    """Lowercase, accent-free, abbreviations expanded, separators as " | ". Idempotent."""
    return _normalise(title)[0] if isinstance(title, str) else ""


# --- Role rules ---------------------------------------------------------------------------------

# "Product" in the languages we read. Word-bounded, so "production" never counts as product.
_P = r"(?:products?|produkt|produit|produits|producto|productos|produto|produtos|prodotto)"
# People who run a function: "Head of X", "VP X", "Directeur X", "Leiter X"...
_LEADER = (
    r"(?:head|hoofd|director|directeur|directrice|directora|diretor|diretora|direktor|direktorin"
    r"|leiter|leiterin|leitung|vice president|president|chief|lead|leader)"
)
_OF = r"(?:(?:of|for|de|du|del|da|do|des|della|van) )?(?:(?:the|la|le|el) )?"


@dataclass(frozen=True)
class _Rule:
    family: Family
    pattern: re.Pattern[str]
    confidence: float
    reason: str  # "{m}" is the matched phrase
    names_pm: bool = False  # names a PM job (not just the PM department)


def _rule(
    family: Family, pattern: str, confidence: float, reason: str, names_pm: bool = False
) -> _Rule:
    return _Rule(family, re.compile(pattern), confidence, reason, names_pm)


_PM: Family = "product_management"
_ADJ: Family = "adjacent"
_OTHER: Family = "other"
_RULES: tuple[_Rule, ...] = (
    # Product management proper.
    _rule(_PM, rf"\b{_P} managers?\b", 0.93, "'{m}' is a product manager title", True),
    # German and Dutch write it as one word; in German it can lean to marketing, hence 0.88.
    _rule(_PM, r"\bprodu[ck]tmanager(?:in|innen)?\b", 0.88, "'{m}' means product manager", True),
    _rule(_PM, rf"\b{_P} (?:management )?(?:lead|leader|head|director|vice president)\b",
          0.88, "'{m}' leads product management", True),
    _rule(_PM, rf"\b{_LEADER} {_OF}{_P}\b", 0.93, "'{m}' leads product management", True),
    _rule(_PM, rf"\bchief {_P}(?: and \w+)? officer\b", 0.95, "'{m}' is the top product job",
          True),
    _rule(_PM, rf"\b{_P} management\b|\bprodu[ck]tmanagement\b|\b(?:gestao|gestion) de {_P}\b",
          0.88, "'{m}' is the product management function"),
    # French "chef de produit" is a PM title, but in consumer goods it is often marketing.
    _rule(_PM, rf"\bchef(?:fe)? de {_P}\b", 0.8, "'{m}' is French for product manager", True),
    # "Responsable produit" ranges from product owner to head of product: a modest guess.
    _rule(_PM, rf"\b(?:responsable|responsabile)(?: (?:de|du|di|del|des))? {_P}\b", 0.72,
          "'{m}' usually means product manager", True),
    _rule(_PM, r"\b(?:gerente|jefe|jefa|gestor|gestora|coordenador|coordenadora|coordinador"
          rf"|coordinadora|lider)(?: (?:senior|junior|sr|jr))? de {_P}\b", 0.88,
          "'{m}' means product manager", True),
    # Adjacent: close to PM work, but a different job.
    _rule(_ADJ, rf"\b{_P} owners?\b|\bproduktinhaber\w*|\b(?:dueno|duena|propietario"
          rf"|proprietario) (?:de |del |do )?{_P}\b", 0.93, "'{m}' is adjacent to PM"),
    _rule(_ADJ, rf"\b{_P} operations\b|\bproductops\b", 0.92, "'{m}' is adjacent to PM"),
    _rule(_ADJ, rf"\b{_P} (?:data |business |insights )?(?:analysts?|analytics)\b"
          rf"|\bprodu[ck]tanalyst(?:in)?\b|\b(?:analyste|analista) (?:de |du |do |del )?{_P}\b",
          0.9, "'{m}' is adjacent to PM"),
    _rule(_ADJ, rf"\b{_P} specialists?\b|\bproduktspezialist(?:in)?\b"
          rf"|\b(?:specialiste|especialista) (?:de |du |en |em )?{_P}\b",
          0.85, "'{m}' is adjacent to PM"),
    _rule(_ADJ, rf"\b{_P} (?:strategist|strategy)\b", 0.85, "'{m}' is adjacent to PM"),
    # Other: the tricky look-alikes first.
    _rule(_OTHER, rf"\b{_P} marketing\b|\bmarketing (?:de |du )?{_P}\b|\bprodu[ck]tmarketing\w*"
          r"|\w*?marketeer\b|\bmarketing (?:manager|lead|director|specialist|associate|coordinator"
          r"|executive|analyst|intern|officer|strategist|consultant|head|leiter\w*)\b"
          rf"|\b{_LEADER} {_OF}marketing\b|\bbrand manager\b",
          0.95, "'{m}' is marketing, not product management"),
    _rule(_OTHER, r"\b(?:technical )?(?:program|programme|programs|project|projects) (?:managers?"
          r"|management|lead|leader|director|coordinator|specialist|analyst|officer|associate"
          r"|intern|owner)\b|\bprojekt\w*|\bprojectmanager\b|\bprojectleider\b"
          r"|\bchef(?:fe)? de projets?\b|\b(?:gerente|jefe|jefa|gestor|gestora|director|directora"
          r"|coordinador|coordinadora|coordenador|coordenadora|lider) de (?:proyectos?|projetos?"
          r"|programas?)\b|\bscrum master\b|\bdelivery manager\b|\bpmo\b",
          0.95, "'{m}' runs projects or programmes, not products"),
    # These role nouns also end compound words (Produktdesigner, Softwareentwickler), hence \w*?.
    _rule(_OTHER, r"\w*?(?:designer|designerin|disenador|disenadora|ontwerper|concepteur"
          rf"|conceptrice)s?\b|\b{_P} design\b|\bdesign (?:lead|manager|director|intern|head)\b"
          rf"|\b{_LEADER} {_OF}design\b|\buser experience\b",
          0.95, "'{m}' is a design job"),
    # "Developer" is also a PM specialism ("Product Manager Developer Tools"), hence the lookahead.
    _rule(_OTHER, r"\w*?(?:engineer|ingenieur|ingenieurin|ingeniero|ingeniera|engenheiro"
          r"|engenheira|entwickler|entwicklerin|developer|desarrollador|desarrolladora"
          r"|desenvolvedor|desenvolvedora|programmer|architect)s?\b(?! (?:tools|experience"
          r"|platform|productivity|ecosystem|portal|products?|apis?|relations)\b)"
          rf"|\bengineering (?:manager|lead|director|head|intern)\b|\b{_LEADER} {_OF}engineering\b"
          r"|\b(?:sre|devops)\b|\bchief technology officer\b",
          0.95, "'{m}' is an engineering job"),
    _rule(_OTHER, r"\w*?(?:scientist|researcher|forscher)s?\b|\b(?:data|business|financial"
          r"|finance|research|security|systems|marketing|sales|credit|risk) analysts?\b",
          0.9, "'{m}' is a research or analysis job"),
    _rule(_OTHER, rf"\b{_P} support\b|\bsupport (?:specialist|engineer|agent|representative"
          r"|analyst|manager|lead|associate|technician)\b|\bcustomer (?:success|support|service"
          r"|care|experience) (?:manager|specialist|representative|agent|associate|lead"
          r"|director)\b|\btechnical support\b|\bhelp ?desk\b",
          0.92, "'{m}' is a support job"),
    _rule(_OTHER, r"\bsales (?:manager|representative|rep|executive|director|associate|engineer"
          r"|lead|development|specialist|consultant|intern|head)\b|\baccount (?:manager"
          rf"|executive|director|lead)\b|\bbusiness development\b|\b{_LEADER} {_OF}sales\b"
          rf"|\bvertriebs\w+|\bvendedora?\b|\b{_P} sales\b",
          0.93, "'{m}' is a sales job"),
    # "Production Manager" is manufacturing or media: the word is production, not product.
    _rule(_OTHER, r"\b(?:productions?|produktion\w*|produccion|producao|productie\w*"
          r"|producers?)\b", 0.9, "'{m}' is production, not product"),
    _rule(_OTHER, rf"\b{_P} (?:development|quality|safety|compliance|security|photographer"
          r"|photography|tester|testing|demonstrator|trainer|training|expert|consultant|counsel"
          r"|assistant|promoter|knowledge|engineering)\b",
          0.75, "'{m}' works on the product but is not product management"),
    _rule(_OTHER, r"\b(?:recruiter|recruiting|talent acquisition|accountant|nurse|teacher|lawyer"
          r"|attorney|paralegal|cashier|driver|counsel|chief (?:executive|operating|financial"
          r"|marketing|people|revenue) officer)\b|\b(?:office|general|store|warehouse|restaurant"
          r"|supply chain|finance|hr|people|community|content|partnerships?|channel|category"
          r"|merchandising|vendor|events?|facilities) manager\b",
          0.85, "'{m}' is a different job"),
)  # fmt: skip


@dataclass(frozen=True)
class _Hit:
    rule: _Rule
    phrase: str  # the matched role phrase
    start: int
    end: int


# All the rules in one pattern: an optional lookahead per rule, tried at each word start, so one
# call finds every rule that matches there. Much faster than one search per rule.
_SCAN_RE = re.compile("".join(f"(?=({rule.pattern.pattern}))?" for rule in _RULES))
assert all(rule.pattern.groups == 0 for rule in _RULES), "rules must use (?:...) groups only"


@lru_cache(maxsize=4096)  # segments repeat a lot across postings ("remote", "product manager")
def _best_hit(segment: str) -> _Hit | None:
    """The role phrase that ends last (titles are head-final); on a tie the longer one."""
    best: tuple[int, int, int] | None = None  # (end, -start, -rule index): max wins
    start = 0
    while start < len(segment):
        scan = _SCAN_RE.match(segment, start)
        for index, phrase in enumerate(scan.groups() if scan else ()):
            if phrase is not None:
                key = (start + len(phrase), -start, -index)
                best = key if best is None else max(best, key)
        start = segment.find(" ", start) + 1 or len(segment)
    if best is None:
        return None
    end, start, index = best[0], -best[1], -best[2]
    return _Hit(_RULES[index], segment[start:end], start, end)


# --- Levels -------------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_DIRECTOR_WORDS = _words(
    "director directeur directrice directora diretor diretora direktor direktorin head hoofd"
    " president chief"
)
_LEAD_WORDS = _words(
    "lead leader staff principal lider coordenador coordenadora coordinador coordinadora"
)
_APM_WORDS = _words(
    "associate junior intern interns internship trainee rotational rotation graduate apprentice"
    " werkstudent werkstudentin praktikant praktikantin praktikum stagiaire alternance alternant"
    " becario becaria pasante estagiario estagiaria entry grad"
)
_SENIOR_WORDS = _words("senior")
# Words that may follow the role phrase and still describe it ("Product Manager Intern").
_AFTER_WORDS = _APM_WORDS | _SENIOR_WORDS
# A segment made only of these describes the level: "Product Manager (Senior)".
_LEVEL_VOCAB = (
    _DIRECTOR_WORDS | _LEAD_WORDS | _APM_WORDS | _SENIOR_WORDS
    | _words("manager vice executive mid medior pleno group")
)  # fmt: skip
_FILLER = _words("of the and level team summer mba new program programme")
_LEVEL_NAMES = {"director": "director level", "lead_pm": "lead level", "apm": "associate level",
                "senior_pm": "senior", "pm": "mid level"}  # fmt: skip
# When cues disagree the strongest wins: "Associate Director" is a director, "Senior Associate
# PM" is still on the APM track, "Senior Product Manager II" is senior.
_PRECEDENCE: tuple[Level, ...] = ("director", "lead_pm", "apm", "senior_pm", "pm")


def _word_level(word: str, next_to_role: bool = False) -> Level | None:
    if word in _DIRECTOR_WORDS:
        return "director"
    if word.endswith(("leiter", "leiterin", "leitung")):
        # German: Leiter = head of; Teamleiter/Gruppenleiter = team lead.
        return "lead_pm" if word.startswith(("team", "gruppen")) else "director"
    if word in _LEAD_WORDS:
        return "lead_pm"
    if word == "group" and next_to_role:  # "Group Product Manager", not "Group Insurance PM"
        return "lead_pm"
    if word in _APM_WORDS:
        return "apm"
    if word in _SENIOR_WORDS:
        return "senior_pm"
    if len(word) == 1 and word.isdigit() and word != "0":  # PM II is mid level, PM III senior
        return "pm" if word in "12" else "senior_pm"
    return None


def _level(segments: list[str], used: set[int], role_text: str, hit: _Hit) -> tuple[Level, str]:
    before = role_text[: hit.start].split()
    words = [(w, i == len(before) - 1) for i, w in enumerate(before)]
    words += [(w, False) for w in hit.phrase.split()]
    for w in role_text[hit.end :].split()[:2]:
        if w not in _AFTER_WORDS and not (len(w) == 1 and w.isdigit()):
            break
        words.append((w, False))
    # A segment made only of level words describes the role: "Director, Product Management".
    for i, seg in enumerate(segments):
        tokens = seg.split()
        if i not in used and all(t in _LEVEL_VOCAB or t in _FILLER or t.isdigit() for t in tokens):
            words += [(t, False) for t in tokens]
    found: dict[Level, str] = {}
    for word, next_to_role in words:
        level = _word_level(word, next_to_role)
        if level and level not in found:
            found[level] = word
    # Someone who manages *the product management function* is a people manager of PMs.
    if "manager" in (w for w, _ in words) and not hit.rule.names_pm and "director" not in found:
        return "lead_pm", "a manager of product management leads PMs"
    for level in _PRECEDENCE:
        if level in found:
            return level, f"'{found[level]}' means {_LEVEL_NAMES[level]}"
    return "pm", "no seniority word, so a mid-level PM"


# --- Descriptions -------------------------------------------------------------------------------

_PM_DESCRIPTION_RE = re.compile(
    r"\b(?:product managers?|product management|roadmaps?|prioriti[sz]\w*|product requirements?"
    r"|prds?|product discovery|product vision|product strategy|user stories)\b"
)
_MANAGES_PMS_RE = re.compile(
    r"\b(?:manag|lead|build|hir|coach|grow)\w*\W+(?:\w+\W+){0,4}?(?:product managers|pms)\b"
)


# --- Classification -----------------------------------------------------------------------------


def _combinations(first: str, second: str) -> tuple[str, ...]:
    """Inverted titles: "Manager, Product" -> "product manager", "Senior Manager, Product" ->
    "senior product manager", "Analyst, Product" -> "product analyst"."""
    words = first.split()
    return (
        f"{first} {second}",
        " ".join([*words[:-1], second, words[-1]]),
        f"{second} {first}",
    )


def _find_role(segments: list[str]) -> tuple[_Hit, str, set[int], bool] | None:
    hits = [_best_hit(s) for s in segments]
    for i, hit in enumerate(hits):
        if hit:
            return hit, segments[i], {i}, False
        if i + 1 < len(segments) and hits[i + 1] is None:
            for text in _combinations(segments[i], segments[i + 1]):
                combined = _best_hit(text)
                if combined:
                    return combined, text, {i, i + 1}, True
    return None


def _description(description: str | None) -> str:
    return _fold(description[:MAX_DESCRIPTION_CHARS]) if isinstance(description, str) else ""


def _result(title: str, family: Family, level: Level | None, confidence: float,
            reasons: list[str]) -> Classification:  # fmt: skip
    confidence = round(min(0.99, max(0.01, confidence)), 2)
    return Classification(title, family, level, confidence, tuple(reasons))


def _classify(title: str, description: str | None) -> Classification:
    norm, expanded = _normalise(title[:MAX_TITLE_CHARS])
    reasons = [
        f"'{short}' is the numeral {full}" if full.isdigit() else f"'{short}' is short for '{full}'"
        for short, full in dict(expanded).items()
    ]
    penalty = 1.0
    if len(title) > MAX_TITLE_CHARS:
        penalty = 0.7
        reasons.append(f"the title is unusually long: only {MAX_TITLE_CHARS} characters read")
    segments = norm.split(" | ") if norm else []
    if not _WORD_RE.search(norm):
        return _result(title, "other", None, 0.05, ["the title has no words to read"])

    found = _find_role(segments)
    if found is None:
        # No role phrase. An unknown title is rarely a PM job, but we cannot be sure.
        words = norm.split()
        if len(set(_PM_DESCRIPTION_RE.findall(_description(description)))) >= 2:
            reasons += ["the title names no known role", "the description reads like a PM job"]
            cues = [lv for w in words if (lv := _word_level(w))]
            level = min(cues, key=_PRECEDENCE.index) if cues else "pm"
            return _result(title, "product_management", level, 0.5 * penalty, reasons)
        mentions = "product" in words or "manager" in words
        reasons.append("no known role in the title, so probably not a PM job")
        return _result(title, "other", None, (0.45 if mentions else 0.6) * penalty, reasons)

    hit, role_text, used, combined = found
    rule = hit.rule
    reasons.append(rule.reason.format(m=hit.phrase))
    confidence = rule.confidence
    if combined:
        confidence -= 0.05
        reasons.append(f"read the inverted title as '{role_text}'")
    # Other segments that name a different family make the title a hybrid, such as
    # "PM/Product Owner". A PM title anywhere outranks an adjacent one: pmpath cares whether
    # the job is product management.
    for i, seg in enumerate(segments):
        other = _best_hit(seg) if i not in used else None
        if other is None or other.rule.family == rule.family:
            continue
        confidence -= 0.1
        reasons.append(f"it also mentions '{other.phrase}'")
        if rule.family == "adjacent" and other.rule.names_pm:
            hit, rule, role_text, used = other, other.rule, seg, {i}
            reasons.append("a PM title outranks an adjacent one")
    if rule.family != "product_management":
        return _result(title, rule.family, None, confidence * penalty, reasons)

    level, why = _level(segments, used, role_text, hit)
    reasons.append(why)
    if level == "lead_pm" and hit.phrase.endswith(("lead", "leader")):
        # "Product Lead" is a team lead at some companies and the head of product at others.
        confidence -= 0.08
        if _MANAGES_PMS_RE.search(_description(description)):
            level, confidence = "director", min(confidence, 0.65)
            reasons.append("the description says the role manages PMs")
    return _result(title, "product_management", level, confidence * penalty, reasons)


def classify(title: str, description: str | None = None) -> Classification:
    """Classify one job title; the description, if any, only nudges unclear titles."""
    text = title if isinstance(title, str) else ""
    try:
        return _classify(text, description)
    except Exception:  # a bug must not break a job import; the result says it was not read
        return Classification(text, "other", None, 0.01, ("the title could not be read",))
