"""Writes for organisations, one module an area: loading organisation files (:mod:`.org_file`), the structure
of a Pemda and a PD's settings (:mod:`.structure`), accounts (:mod:`.accounts`), an account's e-mail, NIP and
digest (:mod:`.contacts`), API tokens (:mod:`.tokens`), a PD's logo and certificate (:mod:`.pd_files`).

Callers import from here; a test that patches a name patches it in the module that looks it up."""

from __future__ import annotations

from sopap.web.organisations.services.accounts import (
    account_create,
    account_password_change,
    account_problems,
    account_role_add,
    account_role_remove,
    account_set_active,
    account_set_password,
    account_unlock,
    password_problems,
    place_problems,
    username_problems,
)
from sopap.web.organisations.services.contacts import (
    account_contact_update,
    account_digest_set,
    contact_problems,
    email_problems,
    nip_problems,
)
from sopap.web.organisations.services.org_file import (
    OrgChange,
    OrgImportReport,
    org_import,
    organisation_import,
)
from sopap.web.organisations.services.pd_files import (
    LOGO_FOLDER,
    certificate_remove,
    certificate_set,
    logo_set,
)
from sopap.web.organisations.services.structure import (
    membership_create,
    pd_settings_update,
    user_create,
    verification_chain_set,
)
from sopap.web.organisations.services.tokens import (
    TOKEN_NAME_MAX_LENGTH,
    TOKEN_PREFIX,
    TOKEN_USE_RESOLUTION,
    api_rate_hit,
    token_authenticate,
    token_create,
    token_digest,
    token_revoke,
)

__all__ = [
    "LOGO_FOLDER",
    "TOKEN_NAME_MAX_LENGTH",
    "TOKEN_PREFIX",
    "TOKEN_USE_RESOLUTION",
    "OrgChange",
    "OrgImportReport",
    "account_contact_update",
    "account_create",
    "account_digest_set",
    "account_password_change",
    "account_problems",
    "account_role_add",
    "account_role_remove",
    "account_set_active",
    "account_set_password",
    "account_unlock",
    "api_rate_hit",
    "certificate_remove",
    "certificate_set",
    "contact_problems",
    "email_problems",
    "logo_set",
    "membership_create",
    "nip_problems",
    "org_import",
    "organisation_import",
    "password_problems",
    "pd_settings_update",
    "place_problems",
    "token_authenticate",
    "token_create",
    "token_digest",
    "token_revoke",
    "user_create",
    "username_problems",
    "verification_chain_set",
]
