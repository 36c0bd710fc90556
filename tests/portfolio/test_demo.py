from pmpath.core.demo import load_demo
from pmpath.portfolio import queries
from pmpath.portfolio.models import CaseStudy


def test_the_demo_has_a_finished_case_study_and_a_draft_the_checks_flag(alice):
    load_demo(alice)
    load_demo(alice)  # loading twice changes nothing
    finished, draft = CaseStudy.objects.owned_by(alice)
    assert (finished.published, draft.published) == (True, False)
    assert queries.report(finished).ready
    assert "feature_talk" in queries.report(draft).flagged()
