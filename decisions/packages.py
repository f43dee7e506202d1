"""The ZIP of a forward package (issue 15 point 6; law-nominations.md §4, §7), built by the task worker once
the package is sent (decisions.tasks.build_package_archive):

- the agency's tờ trình, as PDF and DOCX (documents.rendering);
- every proposal's dossier, each component the rule set names (nominations.dossier) as PDF and DOCX: the
  báo cáo thành tích certified by the submitting level (its "xác nhận của cấp trình khen thưởng" block
  carries the signer of the tờ trình), the unit's tờ trình and biên bản họp bình xét (with the vote figures
  where a ballot is required), the summary of a simplified dossier, and the files the unit uploaded (an
  initiative certificate, other evidence) as they are;
- the council's minutes with the ballot results, and the vote-counting minutes where there are some;
- the report of each public posting of the proposals (the list posted, the comments and their handling);
- `manifest.json`: who sends what to whom, each proposal with its files, and every file with its SHA-256
  and size — valid against decisions/schemas/forward-package.schema.json (draft 2020-12).

The papers are fixed Vietnamese of administrative documents, not interface text."""

import hashlib
import io
import json
import mimetypes
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from django.core.files.base import ContentFile
from django.utils.text import slugify

from council.minutes import CHANNELS
from documents import rendering
from documents.rendering.layout import format_date, upper
from lib.vntext import fold
from nominations import law, papers
from nominations.dossier import parts
from nominations.models import Comment, Evidence, Handling, UnitDossier

from .models import ForwardPackage

SCHEMA = Path(__file__).with_name("schemas") / "forward-package.schema.json"
MANIFEST = "manifest.json"
VERSION = 1
SUBMITTING = "XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG"  # the report's block certified by the submitting level
HANDLED = {Handling.ACCEPTED: "tiếp thu", Handling.REJECTED: "không tiếp thu", Handling.PENDING: "chưa xử lý"}
FORMATS = (("pdf", papers.PDF_TYPE), ("docx", papers.DOCX_TYPE))


def slug(text: str, fallback: str = "tep") -> str:
    return slugify(fold(text))[:60].strip("-") or fallback


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Archive:
    """The files of the ZIP as they are added, each path once (a unit's papers serve all its proposals)."""

    files: dict[str, tuple[bytes, dict]] = field(default_factory=dict)

    def add(self, path: str, data: bytes, *, kind: str, media_type: str) -> dict:
        if path not in self.files:
            entry = {
                "path": path,
                "sha256": digest(data),
                "size": len(data),
                "kind": kind,
                "media_type": media_type,
            }
            self.files[path] = (data, entry)
        return self.files[path][1]

    def document(self, stem: str, document, *, kind: str) -> list[dict]:
        """A document of the documents module, as PDF and DOCX."""
        if stem + ".pdf" in self.files:
            return [self.files[f"{stem}.{ext}"][1] for ext, _type in FORMATS]
        renders = {"pdf": rendering.render_pdf, "docx": rendering.render_docx}
        return [self.add(f"{stem}.{ext}", renders[ext](document), kind=kind, media_type=media_type)
                for ext, media_type in FORMATS]  # fmt: skip

    def paper(self, stem: str, paper, *, kind: str) -> list[dict]:
        """A drafted paper (nominations.papers), as PDF and DOCX."""
        if stem + ".pdf" in self.files:
            return [self.files[f"{stem}.{ext}"][1] for ext, _type in FORMATS]
        return [self.add(f"{stem}.{ext}", papers.RENDERERS[ext][0](paper), kind=kind, media_type=media_type)
                for ext, media_type in FORMATS]  # fmt: skip

    def entries(self) -> list[dict]:
        return [entry for _data, entry in self.files.values()]

    def zip(self, manifest: dict) -> bytes:
        output = io.BytesIO()
        with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path, (data, _entry) in self.files.items():
                archive.writestr(path, data)
            text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=False)
            archive.writestr(MANIFEST, text.encode("utf-8"))
        return output.getvalue()


# --- the papers drawn for the package ----------------------------------------------------------------------


def certified_report(proposal, certifier: str) -> papers.Paper:
    """The báo cáo thành tích with the submitting level's block naming who certifies it (the signer of the
    tờ trình: Nghị định 98/2023/NĐ-CP, Điều 43 khoản 1)."""
    paper = papers.report_paper(proposal)
    rows = tuple(
        tuple(replace(block, name=certifier) if block.title == SUBMITTING else block for block in row)
        for row in paper.signatures
    )
    return replace(paper, signatures=rows)


def summary_paper(proposal) -> papers.Paper:
    """The summary of a simplified dossier (Nghị định 98/2023/NĐ-CP, Điều 40): its achievement summary."""
    report = papers.report_paper(proposal)
    text = proposal.achievement.strip() or proposal.report.strip()
    return replace(
        report, name=f"tom-tat-thanh-tich-{proposal.pk}", form="", issued_with="",
        title=("TÓM TẮT THÀNH TÍCH", report.title[-1]), lines=papers.text_lines(text),
    )  # fmt: skip


def _comment_line(comment) -> str:
    author = comment.author or "không ghi tên"
    handled = HANDLED.get(comment.handling, comment.get_handling_display())
    reason = f" ({comment.handling_reason})" if comment.handling_reason else ""
    return (
        f"- Ngày {comment.received_on:%d/%m/%Y}, {author}, về {comment.proposal.subject_name} "
        f"({comment.proposal.award.name}): {comment.text} — {handled}{reason}."
    )


def posting_paper(posting, proposals, agency, certifier: str) -> papers.Paper:
    """The report of a public posting: when and where the list was posted, what was posted, the comments
    received and how each was handled (law-nominations.md §3)."""
    comments = list(
        Comment.objects.filter(posting=posting, proposal__in=proposals)
        .select_related("proposal__person", "proposal__unit", "proposal__award")
        .order_by("received_on", "id")
    )
    channel = CHANNELS.get(posting.channel, posting.get_channel_display())
    basis = f"; căn cứ: {posting.citation}" if posting.citation else ""
    lines = [
        papers.Line(
            f"{agency.name} đã công khai danh sách đề nghị khen thưởng trên {channel} từ ngày "
            f"{posting.opens_on:%d/%m/%Y} đến ngày {posting.closes_on:%d/%m/%Y} ({posting.working_days} ngày "
            f"làm việc{basis})."
        ),
        papers.Line("I. DANH SÁCH CÔNG KHAI", heading=True),
        *(papers.Line(f"{n}. {p.subject_name} — {p.award.name} ({p.unit.name}).")
          for n, p in enumerate(proposals, 1)),
        papers.Line("II. Ý KIẾN NHẬN ĐƯỢC VÀ VIỆC XỬ LÝ", heading=True),
    ]  # fmt: skip
    if comments:
        lines.append(papers.Line(f"Trong thời gian công khai, nhận được {len(comments)} ý kiến:"))
        lines += [papers.Line(_comment_line(comment)) for comment in comments]
    else:
        lines.append(papers.Line("Trong thời gian công khai, không nhận được ý kiến nào."))
    parent = agency.parent
    return papers.Paper(
        name=f"bao-cao-cong-khai-{posting.pk}", form="", issued_with="",
        superior=upper(parent.name) if parent else "", issuer=upper(agency.name),
        place_date=format_date(agency.place_name, posting.closes_on, posting.closes_on.year),
        title=("BÁO CÁO", "KẾT QUẢ CÔNG KHAI DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"), subtitle=(posting.round.name,),
        lines=tuple(lines), signatures=((papers.Signature("THỦ TRƯỞNG CƠ QUAN", papers.SEALED, certifier),),),
    )  # fmt: skip


# --- the parts of the archive -------------------------------------------------------------------------------


def _proposals(package) -> list:
    return [
        entry.proposal
        for entry in package.items.select_related(
            "proposal__award", "proposal__person", "proposal__unit__agency", "proposal__round__agency",
            "proposal__rule_set", "proposal__posting__round",
        ).order_by("position")
    ]  # fmt: skip


def _unit_files(archive, proposal, component_codes) -> list[dict]:
    dossier = UnitDossier.objects.filter(round_id=proposal.round_id, unit_id=proposal.unit_id).first()
    folder = f"ho-so/don-vi-{slug(proposal.unit.name)}-{proposal.round_id}-{proposal.unit_id}"
    found = []
    if law.COVER in component_codes and dossier is not None and dossier.cover_id:
        found += archive.document(f"{folder}/to-trinh-don-vi", dossier.cover, kind="unit-cover-letter")
    if law.MINUTES in component_codes or law.BALLOT in component_codes:
        paper = papers.minutes_paper(proposal.round, proposal.unit)
        found += archive.paper(f"{folder}/bien-ban-binh-xet", paper, kind="unit-minutes")
    return found


def _evidence_files(archive, proposal, folder: str) -> list[dict]:
    found = []
    for evidence in Evidence.objects.filter(proposal=proposal).order_by("id"):
        suffix = PurePosixPath(evidence.name or evidence.file.name).suffix.lower()
        suffix = suffix if suffix[1:].isalnum() and len(suffix) <= 6 else ""
        kind = "certificate" if evidence.kind == Evidence.Kind.CERTIFICATE else "evidence"
        stem = "chung-nhan" if kind == "certificate" else "minh-chung"
        with evidence.file.open("rb") as handle:
            data = handle.read()
        media_type = mimetypes.guess_type(f"x{suffix}")[0] or "application/octet-stream"
        path = f"{folder}/{stem}-{evidence.pk}-{slug(PurePosixPath(evidence.name).stem)}{suffix}"
        found.append(archive.add(path, data, kind=kind, media_type=media_type))
    return found


def _dossier(archive, n: int, proposal, certifier: str) -> list[dict]:
    """The files of one proposal's dossier (nominations.dossier.parts: the components its rule set names)."""
    codes = {part.code for part in parts(proposal)}
    folder = f"ho-so/{n:02d}-{slug(proposal.subject_name)}"
    found = _unit_files(archive, proposal, codes)
    if law.REPORT in codes:
        found += archive.paper(f"{folder}/bao-cao-thanh-tich", certified_report(proposal, certifier),
                               kind="achievement-report")  # fmt: skip
    if law.SUMMARY in codes:
        found += archive.paper(f"{folder}/tom-tat-thanh-tich", summary_paper(proposal), kind="summary")
    return found + _evidence_files(archive, proposal, folder)


def _council(archive, meeting) -> dict | None:
    if meeting is None:
        return None
    files = []
    if meeting.minutes_id:
        files += archive.document("hoi-dong/bien-ban-hop", meeting.minutes, kind="council-minutes")
    if meeting.count_minutes_id:
        files += archive.document("hoi-dong/bien-ban-kiem-phieu", meeting.count_minutes, kind="count-minutes")
    return {"meeting_id": meeting.pk, "name": meeting.council.name, "date": meeting.date.isoformat(),
            "files": files}  # fmt: skip


def _postings(archive, package, proposals, certifier: str) -> list[dict]:
    by_posting = {}
    for proposal in proposals:
        if proposal.posting_id:
            by_posting.setdefault(proposal.posting_id, (proposal.posting, []))[1].append(proposal)
    found = []
    for posting, posted in by_posting.values():
        paper = posting_paper(posting, posted, package.agency, certifier)
        files = archive.paper(f"cong-khai/bao-cao-cong-khai-{posting.pk}", paper, kind="posting-report")
        count = Comment.objects.filter(posting=posting, proposal__in=posted).count()
        found.append({"id": posting.pk, "opens_on": posting.opens_on.isoformat(),
                      "closes_on": posting.closes_on.isoformat(), "working_days": posting.working_days,
                      "comments": count, "files": files})  # fmt: skip
    return found


def _votes(meeting, proposal) -> dict | None:
    item = meeting.items.filter(proposal=proposal).first() if meeting is not None else None
    if item is None:
        return None
    return {"for": item.votes_for, "required": item.required, "of": item.denominator}


def _proposal_entry(package, proposal, files) -> dict:
    person = proposal.person
    subject = {"kind": "person", "id": person.pk, "name": person.full_name} if person else {
        "kind": "unit", "id": proposal.unit_id, "name": proposal.unit.name}  # fmt: skip
    return {
        "id": proposal.pk,
        "subject": subject,
        "name": proposal.line_name or proposal.subject_name,
        "position": proposal.line_position if person else "",
        "award": {"code": proposal.award.code, "name": proposal.award.name},
        "year": proposal.round.year,
        "unit": {"id": proposal.unit_id, "name": proposal.line_unit or proposal.unit.name},
        "votes": _votes(package.meeting, proposal),
        "files": files,
    }


def _load(package) -> ForwardPackage:
    return ForwardPackage.objects.select_related(
        "agency__parent", "document__kind", "document__agency", "meeting__council", "meeting__minutes__kind",
        "meeting__count_minutes__kind",
    ).get(pk=package.pk)  # fmt: skip


def assemble(package) -> tuple[bytes, dict]:
    """(the ZIP, its manifest) of a sent package."""
    package = _load(package)
    document, agency = package.document, package.agency
    certifier = document.signer_name
    archive = Archive()
    stem = slug(document.reference.replace("/", " "), "to-trinh")
    cover = archive.document(f"to-trinh/{stem}", document, kind="cover-letter")
    council = _council(archive, package.meeting)
    proposals = _proposals(package)
    postings = _postings(archive, package, proposals, certifier)
    entries = [
        _proposal_entry(package, p, _dossier(archive, n, p, certifier)) for n, p in enumerate(proposals, 1)
    ]
    manifest = {
        "version": VERSION,
        "package_id": package.pk,
        "number": document.reference,
        "date": document.issued_on.isoformat(),
        "sent_on": (package.sent_on or document.issued_on).isoformat(),
        "year": package.year,
        "sender": {"id": agency.pk, "name": agency.name, "symbol": agency.symbol or ""},
        "recipient": package.recipient,
        "cover_letter": {
            "document_id": document.pk,
            "subject": document.subject,
            "signer": document.signer_name,
            "files": cover,
        },
        "council": council,
        "postings": postings,
        "proposals": entries,
        "files": archive.entries(),
    }
    return archive.zip(manifest), manifest


def build_archive(package) -> bytes:
    """The ZIP of a sent package (its tờ trình issued): see the module."""
    return assemble(package)[0]


def file_name(package) -> str:
    return f"goi-ho-so-{slug(package.document.reference.replace('/', ' '), str(package.pk))}.zip"


def store_archive(package) -> ForwardPackage:
    """Build the ZIP and keep it on the package with its SHA-256 and manifest (the task's work; run again,
    it replaces the previous file)."""
    data, manifest = assemble(package)
    package = ForwardPackage.objects.select_related("document").get(pk=package.pk)
    old = package.archive.name if package.archive else ""
    package.archive.save(file_name(package), ContentFile(data), save=False)
    package.sha256, package.manifest = digest(data), manifest
    ForwardPackage.objects.filter(pk=package.pk).update(
        archive=package.archive.name, sha256=package.sha256, manifest=manifest
    )
    if old and old != package.archive.name:
        package.archive.storage.delete(old)
    return package
