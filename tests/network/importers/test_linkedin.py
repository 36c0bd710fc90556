"""LinkedIn's export files, every quirk in fixtures written for these tests (invented people)."""

from datetime import date, datetime
from pathlib import Path

import pytest

from pmpath.network.importers import linkedin
from pmpath.network.importers.base import ImportProblem, linkedin_profile, parse_datetime

FIXTURES = Path(__file__).parent / "fixtures"


def read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_it_skips_the_notes_preamble_and_reads_the_current_header():
    parsed = linkedin.parse_connections(read("Connections.csv"))
    ada = parsed.contacts[0]
    assert (ada.first_name, ada.last_name, ada.email) == ("Ada", "Quill", "ada.quill@example.com")
    assert ada.company == "Northwind Analytics"
    assert ada.role == "Senior Product Manager"
    assert ada.linkedin_key == "in/ada-quill-4b1a2c"
    assert ada.connected_on == date(2025, 12, 7)
    assert ada.row == 5  # the line it is on, under the preamble and the header


def test_it_reads_a_byte_order_mark_crlf_quoted_commas_and_line_breaks():
    data = read("Connections.csv")
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    by_name = {c.first_name: c for c in linkedin.parse_connections(data).contacts}
    assert by_name["Bram"].company == "Globex, Inc."
    assert by_name["Bram"].role == "Director of Product, Payments"
    assert by_name["Chiara"].role == "Product Manager Growth & Activation"
    assert by_name["Chiara"].row == 8  # after the blank line


def test_empty_emails_are_empty_and_a_bad_one_is_reported_by_row_and_column():
    parsed = linkedin.parse_connections(read("Connections.csv"))
    by_name = {c.first_name: c for c in parsed.contacts}
    assert by_name["Bram"].email == ""
    assert by_name["Grace"].email == ""
    [bad] = [p for p in parsed.problems if p.field == "Email Address"]
    assert (bad.file, bad.row, bad.skipped) == ("Connections.csv", 11, False)


def test_a_row_without_a_name_is_skipped_with_its_row_number():
    parsed = linkedin.parse_connections(read("Connections.csv"))
    [skipped] = [p for p in parsed.problems if p.skipped]
    assert skipped.row == 12
    assert "no name" in skipped.message
    assert len(parsed.contacts) == 6


def test_profile_addresses_fold_to_one_lower_case_key():
    by_name = {
        c.first_name: c for c in linkedin.parse_connections(read("Connections.csv")).contacts
    }
    assert by_name["Chiara"].linkedin_key == "in/chiara-lindqvist-99"
    assert by_name["Chiara"].linkedin_url == "https://www.linkedin.com/in/Chiara-Lindqvist-99"
    assert by_name["Inès"].linkedin_key == "in/inès-dubois"
    assert by_name["Inès"].linkedin_url == "https://www.linkedin.com/in/in%C3%A8s-dubois"
    assert linkedin_profile("linkedin.com/in/Jane-Doe/?trk=abc")[1] == "in/jane-doe"
    assert linkedin_profile("https://example.com/in/jane") == ("", "")
    assert linkedin_profile("javascript:alert(1)") == ("", "")


def test_it_reads_the_older_header_without_a_url_column():
    parsed = linkedin.parse_connections(read("Connections_old.csv"))
    assert [(c.first_name, c.linkedin_key, c.email) for c in parsed.contacts] == [
        ("Elif", "", "elif.torres@example.com"),
        ("Femi", "", ""),
    ]
    assert parsed.contacts[1].role == "PM, Platform"
    assert parsed.problems == []


def test_columns_are_found_by_name_in_any_order_and_extra_ones_are_ignored():
    [hiro] = linkedin.parse_connections(read("Connections_reordered.csv")).contacts
    assert (hiro.first_name, hiro.last_name, hiro.company, hiro.role) == (
        "Hiro",
        "Tanaka",
        "Soylent Foods",
        "Group PM",
    )
    assert hiro.connected_on == date(2025, 9, 9)


def test_a_csv_that_is_not_a_linkedin_export_names_the_file_and_the_headers_expected():
    with pytest.raises(ImportProblem) as caught:
        linkedin.read_csv(read("not_linkedin.csv"), "not_linkedin.csv")
    message = str(caught.value)
    assert message.startswith("not_linkedin.csv: this is not a LinkedIn export")
    assert "First Name, Last Name, URL, Email Address, Company, Position, Connected On" in message
    with pytest.raises(ImportProblem, match="Connections.csv: this is not a LinkedIn connections"):
        linkedin.parse_connections(read("not_linkedin.csv"), "Connections.csv")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07 Dec 2025", datetime(2025, 12, 7)),
        ("Dec 7, 2025", datetime(2025, 12, 7)),
        ("2025-12-07 14:03:12 UTC", datetime(2025, 12, 7, 14, 3, 12)),
        ("12/7/25, 2:03 PM", datetime(2025, 12, 7, 14, 3)),
        ("12/7/25, 12:10 AM", datetime(2025, 12, 7, 0, 10)),
        ("31 Feb 2025", None),
        ("13/45/25, 4:45 PM", None),
        ("yesterday", None),
    ],
)
def test_it_reads_the_dates_linkedin_writes(text, expected):
    assert parse_datetime(text) == expected


def test_each_file_is_recognised_by_its_headers():
    assert linkedin.sniff_csv(read("Connections.csv")) == "connections"
    assert linkedin.sniff_csv(read("Connections_old.csv")) == "connections"
    assert linkedin.sniff_csv(read("messages.csv")) == "messages"
    assert linkedin.sniff_csv(read("messages_old.csv")) == "messages"
    assert linkedin.sniff_csv(read("Invitations.csv")) == "invitations"
    assert linkedin.sniff_csv(read("contacts_semicolon.csv")) is None
    assert linkedin.sniff_csv(read("not_linkedin.csv")) is None


# --- messages ------------------------------------------------------------------------------


def days_of(name: str) -> list[linkedin.ConversationDay]:
    messages = linkedin.parse_messages(read(name), name)
    names, keys = linkedin.my_identity(messages)
    return linkedin.conversation_days(messages, names, keys)


def test_messages_become_one_interaction_per_conversation_per_day():
    days = {d.external_key: d for d in days_of("messages.csv")}
    assert sorted(days) == [
        "linkedin-msg:2-conv-ada:2025-12-08",
        "linkedin-msg:2-conv-ada:2025-12-10",
        "linkedin-msg:2-conv-bram:2025-11-20",
        "linkedin-msg:2-conv-group:2025-10-01",
        "linkedin-msg:2-conv-stranger:2025-08-01",
    ]
    first = days["linkedin-msg:2-conv-ada:2025-12-08"]
    assert first.messages == 2
    assert first.counterparts == [("Ada Quill", "in/ada-quill-4b1a2c")]
    assert first.summary.startswith("2 LinkedIn messages · Coffee?: Hi Ada")


def test_the_direction_is_whether_the_candidate_wrote_the_days_first_message():
    days = {d.external_key: d.direction for d in days_of("messages.csv")}
    assert days["linkedin-msg:2-conv-ada:2025-12-08"] == "outbound"
    assert days["linkedin-msg:2-conv-ada:2025-12-10"] == "inbound"
    assert days["linkedin-msg:2-conv-bram:2025-11-20"] == "inbound"


def test_the_candidate_is_the_person_in_most_conversations_or_the_one_profile_csv_names():
    messages = linkedin.parse_messages(read("messages.csv"))
    assert linkedin.my_identity(messages) == ({"sam rivera"}, {"in/sam-rivera-pm"})
    name = linkedin.parse_profile(read("Profile.csv"))
    assert name == "Sam Rivera"
    assert linkedin.my_identity(messages, name)[1] == {"in/sam-rivera-pm"}
    # One conversation, two people: the one who is not a known connection is the candidate.
    [only] = [m for m in messages if m.conversation_id == "2-conv-bram"]
    assert linkedin.my_identity([only], known_keys={"in/bram-okafor"})[0] == {"sam rivera"}


def test_html_in_message_content_becomes_text_and_quoted_line_breaks_survive():
    messages = {m.row: m for m in linkedin.parse_messages(read("messages.csv"))}
    assert messages[3].content == "Sure, Thursday works.\nSee you then & bring questions!"
    assert messages[4].content == "Following up with the doc I mentioned,\nand one more thing."


def test_a_group_conversation_lists_everyone_but_the_candidate():
    days = {d.external_key: d for d in days_of("messages.csv")}
    group = days["linkedin-msg:2-conv-group:2025-10-01"]
    assert group.counterparts == [
        ("Chiara Lindqvist", "in/chiara-lindqvist-99"),
        ("Dev Ramanathan", "in/dev-ramanathan"),
    ]


def test_spam_is_left_out_and_a_message_without_a_date_is_reported():
    problems = []
    messages = linkedin.parse_messages(read("messages.csv"), "messages.csv", problems)
    assert all(m.conversation_id != "2-conv-spam" for m in messages)
    assert [(p.row, p.field, p.skipped) for p in problems] == [(11, "DATE", True)]


def test_the_2020_vintage_without_recipient_addresses_still_reads():
    days = days_of("messages_2020.csv")
    assert [(d.external_key, d.direction) for d in days] == [
        ("linkedin-msg:2-old-ada:2020-03-02", "inbound"),
        ("linkedin-msg:2-old-elif:2020-04-05", "outbound"),
    ]
    assert days[1].counterparts == [("Elif Torres", "")]


def test_the_oldest_vintage_with_a_direction_column_and_no_conversation_ids():
    days = days_of("messages_old.csv")
    assert [d.direction for d in days] == ["inbound", "outbound"]
    assert days[0].external_key.split(":")[1] == days[1].external_key.split(":")[1]
    assert days[0].external_key.startswith("linkedin-msg:p-")
    assert days[0].day == date(2019, 6, 14)


# --- invitations ---------------------------------------------------------------------------


def test_invitations_carry_direction_message_and_the_other_persons_profile():
    problems = []
    invitations = linkedin.parse_invitations(read("Invitations.csv"), "Invitations.csv", problems)
    jun, ada = invitations
    assert (jun.name, jun.direction, jun.linkedin_key) == (
        "Jun Park",
        "outbound",
        "in/jun-park-pricing",
    )
    assert jun.message.startswith("Hi Jun, I enjoyed your talk on pricing, and")
    assert jun.sent_on == date(2025, 12, 1)
    assert (ada.name, ada.direction, ada.linkedin_key) == (
        "Ada Quill",
        "inbound",
        "in/ada-quill-4b1a2c",
    )
    assert [(p.row, p.field) for p in problems] == [(4, "Sent At"), (5, "Direction")]
    assert linkedin.invitation_key(jun) == "linkedin-inv:outbound:in/jun-park-pricing:2025-12-01"


def test_older_invitations_without_profile_addresses_key_on_the_name():
    [mara] = linkedin.parse_invitations(read("Invitations_old.csv"))
    assert mara.linkedin_key == ""
    assert linkedin.invitation_key(mara) == "linkedin-inv:outbound:mara costa:2021-03-03"
