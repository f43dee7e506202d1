"""A province-sized data set for measuring thidua: `manage.py generate_province` (demo/management/commands).

Deterministic from `--seed` (and today's date, which ends the history: the rated years are the `--years`
before the current one). Everything is written with bulk_create in batches of 5 000, in one transaction, with
every derived column filled as the app fills it (each model's `normalise()`: folded search text, sort keys;
the documents' full-text index follows from `search_text` by itself — a generated tsvector column on
PostgreSQL, the FTS5 triggers on SQLite). Nothing of the app's integrity is switched off.

What it makes (sizes at the defaults): a People's Committee and `--agencies` departments (Sở …, tỉnh Vĩnh
Long; the first, Sở Giáo dục và Đào tạo, holds ~40 % of the people) with ~`--units` units in trees; the merger
of Sở Tài nguyên và Môi trường and Sở Nông nghiệp và Phát triển nông thôn into Sở Nông nghiệp và Môi trường on
01/03/2025 (agencies and units closed the day before, `successor` links, posts continued); `--people` people
with their posts over the years (moves, leavers), yearly ratings, unit ratings, disciplines, matters under
review, maternity leave, unit heads; the award ledger (demo/province/ledger.py: consistent with the rules
engine); movements, registration rounds, ~6 000 registrations with ~175 000 titles, reviews; `--documents`
documents; disseminations with receipts; initiatives; ~250 000 activity rows; the accounts' notifications.

Search benchmarks: a common word is "thi đua" / "khen thưởng" (in most documents); the guaranteed rare word
is **"sếu"** (folded "seu", from the term "sếu đầu đỏ"): it is in exactly max(1, --documents // 1000)
documents (100 at the default) and begins no other word of the generated text.

Accounts (demo/province/logins.py), password "thidua2026": `admin`, `secretariat-1` … `secretariat-<n>`,
`leader-1`, `unithead-1`, `staff-1`, and `council-1` (demo/province/council.py: a seat still to vote at the
biggest open ballot). Two-factor: like the demo's accounts, they are not blocked because
THIDUA_REQUIRE_2FA is off outside production (its default unless THIDUA_ENV=production; the generator, like
load_demo, refuses a production configuration without --force). A benchmark signs in with the test Client's
`force_login(User.objects.get(username="secretariat-1"))` or by posting the login form; with
THIDUA_REQUIRE_2FA on, the roles of accounts.roles.TWO_FACTOR_ROLES would be asked for a code first.
"""
