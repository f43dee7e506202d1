"""`manage.py load_demo` refuses a real installation — production, or a database with its own data —
unless forced. Loading the whole demo is tested in test_build.py; here the demo counts as loaded when its
marker agency exists.
"""

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from demo import data
from organisations.models import Agency
from tests.factories import AgencyFactory, UserFactory


def counts() -> tuple[int, int]:
    return User.objects.count(), Agency.objects.count()


def test_refuses_a_production_configuration_and_writes_nothing(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match=r"THIDUA_ENV=production.*--force"):
        call_command("load_demo")
    assert counts() == (0, 0)


@pytest.mark.parametrize(
    ("existing", "named"),
    [
        (lambda: UserFactory(username="quantri"), "1 tài khoản, 0 cơ quan"),
        (AgencyFactory, "0 tài khoản, 1 cơ quan"),
    ],
)
def test_refuses_a_database_with_its_own_accounts_or_agencies_and_writes_nothing(db, existing, named):
    existing()
    before = counts()
    with pytest.raises(CommandError, match=rf"không phải dữ liệu mẫu \({named}\).*--force"):
        call_command("load_demo")
    assert counts() == before
    assert not Agency.objects.filter(code=data.MARKER_CODE).exists()


def test_running_again_on_its_own_demo_is_allowed_and_changes_nothing(db, capsys):
    """`make run` runs load_demo at every start: once the demo is there, it is left as it is."""
    AgencyFactory(code=data.MARKER_CODE)
    UserFactory(username="nguoidungmoi")  # added since, by someone trying the demo
    before = counts()
    call_command("load_demo")
    assert "đã được nạp từ trước" in capsys.readouterr().out
    assert counts() == before


def test_force_lets_it_pass_the_guard(db, settings, capsys):
    settings.PRODUCTION = True
    AgencyFactory(code=data.MARKER_CODE)
    call_command("load_demo", "--force")
    assert "đã được nạp từ trước" in capsys.readouterr().out
    assert counts() == (0, 1)
