"""The minutes of a meeting (biên bản họp Hội đồng) and of the vote count (biên bản kiểm phiếu), drafted as
documents of the documents module when the ballot closes."""


def draft_minutes(*, actor, meeting):
    return None
