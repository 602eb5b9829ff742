"""Every change to parties, memberships and functions (P1-P3, P5, P6).

Each function checks its rule, writes in one transaction, records an AuthorisationChange with
who, when, what and why, and leaves the users' groups right.

One module per area; every public function is imported here, so callers keep calling
`parties.services.<function>`.
"""

from parties.services.files import (
    file_for,
    grant_file_access,
    grant_refusal,
    grantable_files,
    grants_any_file,
    manageable_users,
    may_grant,
    revoke_file_access,
    weegploeg_file,
)
from parties.services.parties import (
    create_party,
    end_departed_parties,
    give_notice,
    notice_end_date,
    record_declaration,
    update_party,
)
from parties.services.sync import resync_user_groups, sync_user_groups
from parties.services.tokens import TOKEN_PREFIX_LENGTH, hash_token_key, issue_token, revoke_token
from parties.services.users import (
    change_functions,
    create_user,
    grant_membership,
    is_service_account,
    revoke_membership,
)

__all__ = [
    "TOKEN_PREFIX_LENGTH",
    "change_functions",
    "create_party",
    "create_user",
    "end_departed_parties",
    "file_for",
    "give_notice",
    "grant_file_access",
    "grant_membership",
    "grant_refusal",
    "grantable_files",
    "grants_any_file",
    "hash_token_key",
    "issue_token",
    "is_service_account",
    "manageable_users",
    "may_grant",
    "notice_end_date",
    "record_declaration",
    "resync_user_groups",
    "revoke_file_access",
    "revoke_membership",
    "revoke_token",
    "sync_user_groups",
    "update_party",
    "weegploeg_file",
]
