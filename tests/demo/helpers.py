from demo import data
from organisations.models import Agency


def agency(key: str) -> Agency:
    """The demo agency of a key of demo.data ("TNMT", "NNMT_CT", …)."""
    return Agency.objects.get(code=next(spec.code for spec in data.AGENCIES if spec.key == key))
