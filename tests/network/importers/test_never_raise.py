"""Whatever bytes or text arrive, a parser answers with rows and problems, or with its own
ImportProblem carrying a message; nothing else ever escapes."""

import io
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmpath.network.importers import csvfile, linkedin, vcard
from pmpath.network.importers.base import ImportProblem, parse_datetime

PARSERS = [
    linkedin.parse_connections,
    linkedin.parse_messages,
    linkedin.parse_invitations,
    linkedin.parse_profile,
    linkedin.read_csv,
    vcard.parse_vcards,
    csvfile.parse_contacts_csv,
]
# Text that looks enough like our formats to reach deep into the parsers.
PIECES = st.sampled_from(
    [
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
        "CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT,FOLDER\n",
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n",
        "first_name;email;tags;strength\n",
        "BEGIN:VCARD\r\n", "END:VCARD\r\n", "N:a;b;;;\r\n", " folded\r\n",
        "NOTE;ENCODING=QUOTED-PRINTABLE:=C3=\r\n", "EMAIL;PREF=1:x@y.z\r\n",
        "Notes:\n", '"', ",", ";", "\r\n", "\n", "\x00", "\ufeff",
        "https://www.linkedin.com/in/", "07 Dec 2025", "12/7/25, 2:03 PM", "INCOMING",
        "OUTGOING", "2025-12-07 14:03:12 UTC", "SPAM", "<p>", "&amp;", "\\n", "\\",
    ]
)  # fmt: skip
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=40).map("".join)


def answers(parse, data):
    try:
        result = parse(data, "fuzz.csv")
    except ImportProblem as problem:
        assert problem.message and problem.file == "fuzz.csv"
        return
    assert result is not None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.sampled_from(PARSERS))
def test_the_parsers_never_raise_on_text_that_looks_almost_right(text, parse):
    answers(parse, text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(PARSERS))
def test_the_parsers_never_raise_on_arbitrary_bytes(data, parse):
    answers(parse, data)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000))
def test_reading_a_zip_never_raises_on_arbitrary_bytes(data):
    answers(linkedin.read_zip, b"PK\x03\x04" + data)
    answers(linkedin.read_zip, data)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.sampled_from([*linkedin.WANTED, "x/../y", "other.txt"]), TEXTS))
def test_reading_a_zip_of_near_miss_files_never_raises(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    answers(linkedin.read_zip, buffer.getvalue())


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_conversation_days_never_raise_on_parsed_messages(text):
    try:
        messages = linkedin.parse_messages(text)
    except ImportProblem:
        return
    names, keys = linkedin.my_identity(messages)
    for day in linkedin.conversation_days(messages, names, keys):
        assert day.external_key.startswith("linkedin-msg:")


@given(st.text(max_size=40))
def test_dates_never_raise(text):
    parse_datetime(text)
