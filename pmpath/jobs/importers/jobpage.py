"""A job posting's own web page: schema.org JobPosting in JSON-LD, Microdata or RDFa.

Careers sites mark postings up for Google for Jobs, so most pages carry a JobPosting in
one of the three syntaxes. We read all three with extruct, map the properties Google
documents, and say which of Google's required properties a page lacks. A page without
any markup still gives a posting: its title and main text, with a Problem saying so.
"""

from __future__ import annotations

import codecs
import re
from typing import Any
from urllib.parse import urljoin

from extruct.jsonld import JsonLdExtractor
from extruct.rdfa import RDFaExtractor
from extruct.utils import parse_xmldom_html
from extruct.w3cmicrodata import MicrodataExtractor

from pmpath.jobs.importers.base import (
    ImportResult,
    ParsedPosting,
    Problem,
    canonical_url,
    scrub,
    tidy,
    unusable,
)
from pmpath.jobs.importers.html import clean_html
from pmpath.jobs.importers.schema import (
    REQUIRED,
    find_job_postings,
    from_microdata,
    from_rdfa,
    inner_html,
    missing_properties,
    posting_from_node,
)

MAX_PAGE_CHARS = 5_000_000
# Browsers read these labels as Windows-1252 (WHATWG Encoding), and so do page authors
# who wrote curly quotes into a "latin-1" page.
_WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii"}
_META_CHARSET = re.compile(rb"<meta[^>]+?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def decode_page(data: bytes) -> str:
    """Text of a page in the charset it declares (BOM, then <meta>), else UTF-8; bytes that
    do not decode become U+FFFD rather than an error."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, "replace")
    encoding = "utf-8"
    if match := _META_CHARSET.search(data[:4096]):
        declared = match[1].decode("ascii", "replace").lower()
        declared = "cp1252" if declared in _WINDOWS_1252 else declared
        try:
            name = codecs.lookup(declared).name
        except LookupError:
            name = "utf-8"
        # A page whose bytes we are reading as ASCII-compatible cannot really be UTF-16.
        encoding = "utf-8" if name.startswith("utf-16") or name.startswith("utf-32") else name
    try:
        return data.decode(encoding, "replace")
    except Exception:  # codecs that exist but cannot decode (e.g. rot13 is str-to-str)
        return data.decode("utf-8", "replace")


def parse_job_page(html: Any, url: str = "") -> ImportResult:
    """Postings from a job page's HTML (str or bytes as downloaded). Never raises."""
    try:
        return _parse(html, url if isinstance(url, str) else "")
    except Exception as error:  # extruct and lxml meet every kind of broken page
        return unusable(f"The page could not be read ({type(error).__name__}).")


def _parse(page: Any, url: str) -> ImportResult:
    if isinstance(page, bytes | bytearray):
        page = decode_page(bytes(page))
    if not isinstance(page, str):
        return unusable("The page is not HTML text.")
    page = scrub(page[:MAX_PAGE_CHARS])
    if not page.strip():
        return unusable("The page is empty.")
    try:
        # Parse UTF-8 bytes with the encoding stated, so a <meta charset> in the (already
        # decoded) text cannot make lxml decode it a second time.
        tree = parse_xmldom_html(page.encode("utf-8"), encoding="utf-8")
    except Exception:
        return unusable("The page has no HTML content.")
    if tree is None:
        return unusable("The page has no HTML content.")

    problems: list[Problem] = []
    found: list[tuple[dict[str, Any], str, str, dict[str, Any]]] = []
    found += _json_ld(tree, problems)
    if "itemscope" in page.lower():
        found += _microdata(tree, url, problems)
    # pyRdfa walks the whole DOM; an RDFa JobPosting needs typeof=, so skip pages without.
    if re.search(r"\btypeof\s*=", page, re.IGNORECASE):
        found += _rdfa(tree, url, problems)

    result = ImportResult(postings=[], problems=problems)
    seen: set[tuple[str, str]] = set()
    for node, source, position, ids in found:
        posting = posting_from_node(node, source, position, problems, url, ids)
        if posting is None:
            continue
        # The same posting is often marked up twice (JSON-LD and Microdata): keep the first.
        key = (posting.title.casefold(), posting.source_url or posting.external_id)
        if key in seen:
            continue
        seen.add(key)
        result.postings.append(posting)
        for name in missing_properties(node, ids):
            if name not in result.missing:
                result.missing.append(name)
    result.missing.sort(key=REQUIRED.index)
    if not result.postings:
        _fall_back_to_page(tree, url, result)
    return result


def _json_ld(tree: Any, problems: list[Problem]) -> list[tuple[dict, str, str, dict]]:
    """JobPosting nodes from each <script type="application/ld+json">, block by block, so a
    malformed block is reported by number and the others still count."""
    found = []
    scripts = [
        script
        for script in tree.iter("script")
        if tidy(script.get("type")).lower().split(";")[0].strip() == "application/ld+json"
    ]
    extractor = JsonLdExtractor()
    for number, script in enumerate(scripts, start=1):
        position = f"JSON-LD block {number}"
        if not (script.text or "").strip():
            continue
        try:
            items = extractor.extract_items(script)
        except Exception:
            message = "This JSON-LD block is not valid JSON, so it was skipped."
            problems.append(Problem(position, "", message))
            continue
        for node, ids in find_job_postings(items):
            found.append((node, "jsonld", position, ids))
    return found


def _microdata(tree: Any, url: str, problems: list[Problem]) -> list[tuple[dict, str, str, dict]]:
    try:
        items = MicrodataExtractor(add_html_node=True).extract_items(tree, base_url=url or None)
    except Exception:
        problems.append(Problem("Microdata", "", "The Microdata markup could not be read."))
        return []
    found = []
    for number, item in enumerate(items, start=1):
        for node, ids in find_job_postings([from_microdata(item)]):
            found.append((node, "microdata", f"Microdata item {number}", ids))
    return found


def _rdfa(tree: Any, url: str, problems: list[Problem]) -> list[tuple[dict, str, str, dict]]:
    try:
        graph = RDFaExtractor().extract_items(tree, base_url=url or "")
    except Exception:
        problems.append(Problem("RDFa", "", "The RDFa markup could not be read."))
        return []
    nodes = from_rdfa(graph)
    described = _rdfa_description(tree)
    found = []
    for number, node in enumerate(nodes, start=1):
        if described and len(nodes) == 1:
            node["description"] = described  # the markup itself, not rdflib's flattened text
        found.append((node, "rdfa", f"RDFa item {number}", {}))
    return found


def _rdfa_description(tree: Any) -> str:
    for element in tree.xpath("//*[contains(@typeof, 'JobPosting')]//*[@property]"):
        if tidy(element.get("property")).split(":")[-1] == "description":
            return element.get("content") or inner_html(element)
    return ""


# --- no markup: the page itself ----------------------------------------------------------

_CHROME = ("nav", "header", "footer", "script", "style", "aside", "form", "noscript", "template")


def _meta(tree: Any, *names: str) -> str:
    for name in names:
        for element in tree.xpath(f'//meta[@property="{name}" or @name="{name}"]'):
            if value := tidy(element.get("content")):
                return value
    return ""


def _fall_back_to_page(tree: Any, url: str, result: ImportResult) -> None:
    title = _meta(tree, "og:title")
    for path in ("//title", "//h1"):
        if not title:
            title = next((t for e in tree.xpath(path) if (t := tidy(e.text_content()))), "")
    main = next(
        (
            found[0]
            for path in ("//main", "//article", '//*[@role="main"]', "//body")
            if (found := tree.xpath(path))
        ),
        tree,
    )
    for element in list(main.iter(*_CHROME)):
        if element is not main and element.getparent() is not None:
            element.getparent().remove(element)
    description_html, description_text = clean_html(inner_html(main), base_url=url)
    if not title:
        title = description_text.split("\n", 1)[0][:120] if description_text else ""
    if not title:
        result.problems.append(Problem("payload", "", "The page has no posting, title or text."))
        return
    links = tree.xpath('//link[@rel="canonical"]/@href')
    posting = ParsedPosting(title=title[:300], source="page")
    posting.company = _meta(tree, "og:site_name")
    posting.description_html, posting.description_text = description_html, description_text
    candidates = (url, *(urljoin(url, link) for link in links), _meta(tree, "og:url"))
    posting.source_url = next((c for c in map(canonical_url, candidates) if c), "")
    result.postings.append(posting)
    result.missing = list(REQUIRED)
    message = (
        "No schema.org JobPosting structured data was found, so the title and text were "
        "taken from the page itself; please check them."
    )
    result.problems.append(Problem("page", "", message))
