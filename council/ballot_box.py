"""The secret ballot's cryptography (see the package docstring): receipt codes, their fingerprints per item,
the seal of a choice while the ballot is open, and the re-keying at the close.

- a receipt code: 16 characters of Crockford's base-32 (80 bits), shown once to the member, stored nowhere;
- its fingerprint for an item: HMAC-SHA256 keyed with the code, of the item's id — one code cannot be followed
  from item to item without it;
- the seal: an HMAC of (item, fingerprint, choice) keyed with the installation's secret key — the database
  alone neither says nor lets anyone change the choice;
- at the close the fingerprint is re-keyed with the secret key, so that the rows written at the close cannot
  be matched with the rows written during the ballot by whoever reads the database alone.
"""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.utils.crypto import salted_hmac

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32: no I, L, O, U
CODE_LENGTH = 16
SEAL_SALT = "council: ballot seal"
REKEY_SALT = "council: ballot receipt"


def new_code() -> str:
    code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(code[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def normalise_code(code: str) -> str:
    """The code as typed: case, spaces and dashes ignored; O read as 0, I and L as 1."""
    cleaned = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    return cleaned.translate(str.maketrans("OIL", "011"))


def fingerprint(code: str, item_id: int) -> str:
    key = normalise_code(code).encode()
    return hmac.new(key, f"item:{item_id}".encode(), hashlib.sha256).hexdigest()


def _keys() -> list[str]:
    return [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]


def seal(item_id: int, receipt: str, choice: str, *, secret: str | None = None) -> str:
    message = f"{item_id}:{receipt}:{choice}"
    return salted_hmac(
        SEAL_SALT, message, secret=secret or settings.SECRET_KEY, algorithm="sha256"
    ).hexdigest()


def unseal(item_id: int, receipt: str, sealed: str, choices) -> str | None:
    """The choice whose seal matches (under the secret key or a fallback), None for a forged or moved seal."""
    for secret in _keys():
        for choice in choices:
            if hmac.compare_digest(seal(item_id, receipt, choice, secret=secret), sealed):
                return choice
    return None


def rekey(receipt: str, *, secret: str | None = None) -> str:
    return salted_hmac(
        REKEY_SALT, receipt, secret=secret or settings.SECRET_KEY, algorithm="sha256"
    ).hexdigest()


def counted_receipt(code: str, item_id: int) -> str:
    """What the box holds after the close for the ballot cast with `code` on the item."""
    return rekey(fingerprint(code, item_id))


def counted_receipts(code: str, item_id: int) -> list[str]:
    """What the box may hold for that ballot: re-keyed at the close with the secret key of the day, which may
    since have become a fallback (SECRET_KEY_FALLBACKS) — the receipt is still found after a key rotation."""
    receipt = fingerprint(code, item_id)
    return [rekey(receipt, secret=secret) for secret in _keys()]
