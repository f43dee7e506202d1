"""Initiatives' and exemplary models' words in the activity log (read by activity/registry.py)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "achievements.initiative.recorded": _("Initiative recorded"),
    "achievements.initiative.updated": _("Initiative updated"),
    "achievements.evidence.added": _("Evidence file added"),
    "achievements.model.recorded": _("Exemplary model recorded"),
    "achievements.model.updated": _("Exemplary model updated"),
    "achievements.photo.added": _("Photo added"),
}
MODELS = {
    "model": "achievements.ExemplaryModel",
    "evidence": "achievements.Evidence",
    "photo": "achievements.Photo",
}
# Authors, people and units are logged as names. A file is logged with its id, its name (a photo: its
# caption), its size and its checksum: the row shows the name and the size, not the checksum.
FIELDS = {
    "authors": _("authors"),
    "evidence": _("evidence file"),
    "photo": _("photo"),
    "size": _("file size"),
}
NAMED_BY = {"evidence": "name", "photo": "caption"}
FILE_SIZES = {"size"}
HIDDEN = {"sha256"}
