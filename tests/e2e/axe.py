"""Accessibility checks in the browser tests: the vendored axe-core (tests/e2e/vendor/axe.min.js, 4.10.3,
MPL-2.0; no network) injected into the page and run with the WCAG 2 A and AA rules.

The site's Content-Security-Policy forbids inline scripts, and Playwright injects the file as one: run it in a
context opened with `bypass_csp=True` (`axe_context` below gives one).
"""

from pathlib import Path

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa"]
BLOCKING = ("serious", "critical")

RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({target: n.target.join(" "), summary: n.failureSummary})),
  }));
}"""


def violations(page, *, impacts=BLOCKING) -> list[dict]:
    """The page's WCAG 2 A/AA violations of these impacts (serious and critical by default): each a dict of
    its rule id, impact, help text and the nodes (CSS target and axe's failure summary)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
        if not page.evaluate("() => typeof window.axe === 'object'"):
            raise RuntimeError("axe-core did not load: open the page in a context with bypass_csp=True")
    found = page.evaluate(RUN, TAGS)
    return [violation for violation in found if violation["impact"] in impacts]


def describe(found: list[dict]) -> str:
    """One line per violation and node: what to fix, where."""
    return "\n".join(
        f"{v['impact']} {v['id']} ({v['help']}): {node['target']}" for v in found for node in v["nodes"]
    )


def axe_context(browser, browser_context_args, **changes):
    """A browser context in which axe can be injected (the page's CSP bypassed)."""
    return browser.new_context(**browser_context_args | {"bypass_csp": True} | changes)
