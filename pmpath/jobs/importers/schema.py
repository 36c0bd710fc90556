"""schema.org JobPosting nodes, whichever syntax they came in, to a ParsedPosting.

JSON-LD arrives as nested dicts (with @graph and @id references); Microdata and RDFa are
first turned into the same shape, so one mapper serves all three. The property list follows
Google's JobPosting documentation, which is what careers sites write their markup for.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

import lxml.html

from pmpath.jobs.importers.base import (
    ParsedPosting,
    Problem,
    apply_salary,
    as_dict,
    as_list,
    canonical_url,
    join_unique,
    name_of,
    normalise_employment_type,
    normalise_workplace,
    read_date,
    tidy,
)
from pmpath.jobs.importers.html import clean_html

# Google's required JobPosting properties, in the order its documentation lists them.
REQUIRED = ("title", "description", "datePosted", "hiringOrganization", "jobLocation")
_MAX_DEPTH = 12  # markup nests a few levels; deeper is a loop or an attack
_MAX_NODES = 200

Ids = dict[str, dict[str, Any]]


def local_name(value: Any) -> str:
    """ "JobPosting" from "JobPosting", "http://schema.org/JobPosting", "schema:JobPosting"."""
    text = tidy(value)
    for separator in ("/", "#", ":"):
        text = text.rsplit(separator, 1)[-1]
    return text


def type_names(node: dict[str, Any]) -> set[str]:
    return {local_name(t).lower() for t in as_list(node.get("@type"))}


def first(value: Any) -> Any:
    """Properties may be given once or as a list; most mean the first."""
    return value[0] if isinstance(value, list) and value else (None if value == [] else value)


def resolve(value: Any, ids: Ids) -> Any:
    """Follow a {"@id": ...} reference to the node defined elsewhere in the graph."""
    value = first(value)
    if isinstance(value, dict) and set(value) <= {"@id", "@type"}:
        return ids.get(tidy(value.get("@id")), value)
    return value


def _index_ids(value: Any, ids: Ids, depth: int = 0) -> None:
    if depth > _MAX_DEPTH or len(ids) > _MAX_NODES:
        return
    if isinstance(value, dict):
        if isinstance(value.get("@id"), str) and len(value) > 1:
            ids.setdefault(value["@id"], value)
        for child in value.values():
            _index_ids(child, ids, depth + 1)
    elif isinstance(value, list):
        for child in value[:_MAX_NODES]:
            _index_ids(child, ids, depth + 1)


def _walk(value: Any, found: list[dict[str, Any]], depth: int = 0) -> None:
    if depth > _MAX_DEPTH or len(found) >= _MAX_NODES:
        return
    if isinstance(value, dict):
        if "jobposting" in type_names(value):
            found.append(value)
            return
        for child in value.values():
            _walk(child, found, depth + 1)
    elif isinstance(value, list):
        for child in value[:_MAX_NODES]:
            _walk(child, found, depth + 1)


def find_job_postings(items: Any) -> list[tuple[dict[str, Any], Ids]]:
    """Every JobPosting node in JSON-LD items (top level, in @graph, or nested under another
    node such as a WebPage's mainEntity), each with the block's @id index."""
    ids: Ids = {}
    _index_ids(items, ids)
    found: list[dict[str, Any]] = []
    _walk(items, found)
    return [(node, ids) for node in found]


# --- Microdata and RDFa into JSON-LD shape ----------------------------------------------


def inner_html(element: Any) -> str:
    try:
        return lxml.html.tostring(element, encoding="unicode")
    except Exception:
        return element.text_content() if hasattr(element, "text_content") else ""


def _microdata_description(node: Any) -> str:
    """The description element's markup: extruct gives only its flattened text."""
    for element in node.iterdescendants():
        if "description" not in tidy(element.get("itemprop")).split():
            continue
        owner = element.getparent()
        while owner is not None and owner.get("itemscope") is None:
            owner = owner.getparent()
        if owner is node:
            return element.get("content") or inner_html(element)
    return ""


def from_microdata(item: Any, depth: int = 0) -> Any:
    if not isinstance(item, dict) or depth > _MAX_DEPTH:
        return item
    node: dict[str, Any] = {"@type": [local_name(t) for t in as_list(item.get("type"))]}
    for key, value in as_dict(item.get("properties")).items():
        if isinstance(value, list):
            node[key] = [from_microdata(v, depth + 1) for v in value]
        else:
            node[key] = from_microdata(value, depth + 1)
    html_node = item.get("htmlNode")
    if html_node is not None and "jobposting" in type_names(node):
        try:
            if described := _microdata_description(html_node):
                node["description"] = described
        except Exception:  # keep extruct's text description
            pass
    return node


def _compact(node: dict[str, Any], nodes: Ids, depth: int) -> dict[str, Any]:
    out: dict[str, Any] = {"@type": [local_name(t) for t in as_list(node.get("@type"))]}
    for key, values in node.items():
        if key.startswith("@"):
            continue
        converted = []
        for value in as_list(values):
            if isinstance(value, dict) and "@value" in value:
                converted.append(value["@value"])
            elif isinstance(value, dict) and "@id" in value:
                target = nodes.get(tidy(value["@id"]))
                if target is not None and depth < _MAX_DEPTH:
                    converted.append(_compact(target, nodes, depth + 1))
                else:
                    converted.append(value["@id"])
            else:
                converted.append(value)
        out[local_name(key)] = converted[0] if len(converted) == 1 else converted
    return out


def from_rdfa(graph: Any) -> list[dict[str, Any]]:
    """JobPosting nodes from extruct's expanded RDFa graph, with blank-node references
    (the organisation, the place) folded back into the posting."""
    nodes = {tidy(n.get("@id")): n for n in as_list(graph) if isinstance(n, dict)}
    postings = [n for n in nodes.values() if "jobposting" in type_names(n)]
    return [_compact(node, nodes, 0) for node in postings[:_MAX_NODES]]


# --- the mapping -------------------------------------------------------------------------


def _place(value: Any, ids: Ids) -> str:
    place = resolve(value, ids)
    if isinstance(place, str):
        return tidy(place)
    place = as_dict(place)
    address = resolve(place.get("address"), ids)
    if isinstance(address, str):
        return tidy(address)
    address = as_dict(address)
    country = name_of(resolve(address.get("addressCountry"), ids))
    parts = [name_of(address.get("addressLocality")), name_of(address.get("addressRegion"))]
    return join_unique([*parts, country]) or name_of(place.get("name"))


def _is_telecommute(node: dict[str, Any]) -> bool:
    return any("TELECOMMUTE" in tidy(v).upper() for v in as_list(node.get("jobLocationType")))


def _salary(
    node: dict[str, Any], ids: Ids, posting: ParsedPosting, position: str, problems: list[Problem]
) -> None:
    salary = resolve(node.get("baseSalary"), ids) or resolve(node.get("estimatedSalary"), ids)
    if salary is None:
        return
    if not isinstance(salary, dict):  # a bare number: an amount without a currency
        apply_salary(posting, salary, salary, "", "", position, problems)
        return
    currency = salary.get("currency") or node.get("salaryCurrency")
    value = resolve(salary.get("value"), ids)
    unit = salary.get("unitText")
    if isinstance(value, dict):
        low, high = first(value.get("minValue")), first(value.get("maxValue"))
        if low is None and high is None:
            low = high = first(value.get("value"))
        unit = value.get("unitText") or unit
    else:
        low = high = value
    apply_salary(posting, low, high, name_of(currency), name_of(unit), position, problems)


def _identifier(value: Any, ids: Ids) -> str:
    value = resolve(value, ids)
    if isinstance(value, dict):
        return tidy(first(value.get("value"))) or tidy(value.get("@id"))
    return tidy(value)


def _description(node: dict[str, Any]) -> Any:
    value = node.get("description")
    if isinstance(value, list):
        return "\n\n".join(v for v in value if isinstance(v, str))
    return value


def posting_from_node(
    node: dict[str, Any],
    source: str,
    position: str,
    problems: list[Problem],
    page_url: str,
    ids: Ids,
) -> ParsedPosting | None:
    """A ParsedPosting from one JobPosting node, or None (with a Problem) without a title."""
    title = name_of(node.get("title")) or name_of(node.get("name"))
    if not title:
        message = "The JobPosting has no title, so it was skipped."
        problems.append(Problem(position, "title", message))
        return None
    posting = ParsedPosting(title=title, source=source)
    base = canonical_url(page_url)
    posting.description_html, posting.description_text = clean_html(
        _description(node), base_url=base
    )
    posting.company = name_of(resolve(node.get("hiringOrganization"), ids))
    places = [_place(place, ids) for place in as_list(node.get("jobLocation"))]
    posting.location = join_unique(places, "; ")
    applicants = as_list(node.get("applicantLocationRequirements"))
    requirements = [name_of(resolve(area, ids)) for area in applicants]
    if _is_telecommute(node):
        posting.workplace = "remote"
        posting.location = posting.location or join_unique(requirements)
    else:
        posting.workplace = normalise_workplace(posting.location)
    posting.employment_type = normalise_employment_type(node.get("employmentType"))
    posting.posted_on = read_date(first(node.get("datePosted")), position, "posted_on", problems)
    posting.valid_through = read_date(
        first(node.get("validThrough")), position, "valid_through", problems
    )
    posting.external_id = _identifier(node.get("identifier"), ids)
    raw_url = tidy(first(node.get("url")))
    posting.source_url = canonical_url(urljoin(base, raw_url) if base else raw_url) or base
    posting.department = name_of(node.get("department"))
    _salary(node, ids, posting, position, problems)
    return posting


def missing_properties(node: dict[str, Any], ids: Ids) -> list[str]:
    """Which of Google's required properties the node lacks. A remote job (TELECOMMUTE)
    that names where applicants may live needs no jobLocation."""
    description = _description(node)
    present = {
        "title": bool(name_of(node.get("title"))),
        "description": isinstance(description, str) and bool(description.strip()),
        "datePosted": bool(tidy(first(node.get("datePosted")))),
        "hiringOrganization": bool(name_of(resolve(node.get("hiringOrganization"), ids))),
        "jobLocation": bool(as_list(node.get("jobLocation")))
        or (_is_telecommute(node) and bool(as_list(node.get("applicantLocationRequirements")))),
    }
    return [name for name in REQUIRED if not present[name]]
