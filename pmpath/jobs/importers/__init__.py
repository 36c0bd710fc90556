"""Parsers that turn job postings from many sources into one ParsedPosting dataclass.

Pure code: no Django, no network. Callers download, these modules only read.

- base: ParsedPosting, Problem, ImportResult and the shared value readers (values.py)
- html: clean_html, the sanitiser every description goes through
- boards: Greenhouse, Lever, Ashby, SmartRecruiters, Workable APIs; board_url
- jobpage: schema.org JobPosting in a page's JSON-LD, Microdata or RDFa (schema.py)
- text: a posting pasted as text
- csvfile: CSV import and export of postings

Import from the module you need; this package does not import them all, so that reading a
CSV does not load the RDFa machinery.
"""
