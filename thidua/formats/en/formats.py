# English interface, Vietnamese conventions: dates stay dd/mm/yyyy and numbers 1.000.000.
from thidua.formats.vi.formats import *  # noqa: F403
