"""Many documents at once, for the tests of lists at scale (query counts, capped counts, the planner's
plans): bulk_create skips save(), so each document is normalised first — its search text filled as the app
does. The search index follows by itself: PostgreSQL computes the stored tsvector column, SQLite's triggers
fill the FTS5 table."""

import datetime as dt
import random

from documents.models import Direction, Document, DocumentKind, Status

START = dt.date(2017, 1, 1)
# Filler words of the bodies, none starting like a word the tests search for: a vocabulary as large as a real
# one's most common words, for PostgreSQL's statistics of the search vector (with a few dozen lexemes its
# estimate of a prefix match "thi:*" falls to a default, and the plans would not be those of real data).
FILLER = [f"z{a}{b}" for a in "abcdefghijklmn" for b in "abcdefghijklmn"]
SUBJECTS = (
    "Phát động phong trào thi đua năm {year}",
    "Kế hoạch tổ chức phong trào thi đua chuyên đề",
    "V/v triển khai công tác khen thưởng",
    "Báo cáo tổng kết công tác thi đua, khen thưởng",
    "Quyết định khen thưởng tập thể, cá nhân",
)


def bulk_documents(
    agency,
    count: int,
    *,
    kind: str = "ke_hoach",
    drafts: int = 0,
    first_number: int = 1,
    subject: str = "",
    **fields,
):
    """`count` documents of `agency` issued one a day from 01/01/2017 (numbers from `first_number`), then
    `drafts` drafts; the subjects cycle through SUBJECTS ("thi dua" in 3 of 5) unless `subject` is given."""
    document_kind = DocumentKind.objects.get(code=kind)
    words = random.Random(count * 7919 + first_number)
    documents = []
    for n in range(count):
        issued_on = START + dt.timedelta(days=n % 3000)
        number = first_number + n
        text = subject or SUBJECTS[n % len(SUBJECTS)].format(year=issued_on.year)
        documents.append(
            Document(
                agency=agency,
                kind=document_kind,
                direction=Direction.OUTGOING,
                status=Status.ISSUED,
                number=number,
                year=issued_on.year + (n // 3000) * 100,  # unique in the series and year past 3 000 days
                notation=f"KH-{agency.symbol}",
                issued_on=issued_on,
                subject=f"{text} (số {number})",
                body=[{"kind": "paragraph", "runs": [{"text": " ".join(words.sample(FILLER, 30))}]}],
                **fields,
            )
        )
    for n in range(drafts):
        documents.append(
            Document(agency=agency, kind=document_kind, direction=Direction.OUTGOING, subject=f"Dự thảo {n}")
        )
    for document in documents:
        document.normalise()
    return Document.objects.bulk_create(documents, batch_size=2000)
