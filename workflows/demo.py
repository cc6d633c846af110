"""Demo data: a small province, its education department, schools and units, officers for
every step of the four seed procedures, a citizen, the seed procedures published and demo
dossiers in several states. Every function is idempotent (safe to run again)."""

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from signing.devsetup import signing_dev_setup
from signing.services import document_template_install_defaults
from workflows.demo_dossiers import demo_dossiers
from workflows.models import Agency, Membership, ProcedureVersion, Role
from workflows.procedures import package_install, seed_packages

Kind = Agency.Kind

# (code, name, short name, kind, parent code): a fictitious province "Demo" (code H99).
AGENCIES = [
    ("000.00.00.H99", "Ủy ban nhân dân tỉnh Demo", "UBND tỉnh Demo", Kind.PROVINCE, None),
    (
        "000.00.20.H99",
        "Sở Giáo dục và Đào tạo tỉnh Demo",
        "Sở GD&ĐT",
        Kind.DEPARTMENT,
        "000.00.00.H99",
    ),
    (
        "000.01.20.H99",
        "Văn phòng Sở Giáo dục và Đào tạo",
        "Văn phòng Sở",
        Kind.OFFICE,
        "000.00.20.H99",
    ),
    (
        "000.02.20.H99",
        "Phòng Khảo thí và Quản lý chất lượng giáo dục",
        "Phòng KT&QLCL",
        Kind.OFFICE,
        "000.00.20.H99",
    ),
    ("000.11.20.H99", "Trường THCS Nguyễn Du", "THCS Nguyễn Du", Kind.SCHOOL, "000.00.20.H99"),
    ("000.12.20.H99", "Trường THCS Lê Quý Đôn", "THCS Lê Quý Đôn", Kind.SCHOOL, "000.00.20.H99"),
    # staff transfer: the sending and the receiving unit (the department manages both)
    ("000.13.20.H99", "Trường THPT Chu Văn An", "THPT Chu Văn An", Kind.SCHOOL, "000.00.20.H99"),
    (
        "000.21.20.H99",
        "Trung tâm Giáo dục thường xuyên tỉnh Demo",
        "TT GDTX",
        Kind.OTHER,
        "000.00.20.H99",
    ),
    (
        "000.00.90.H99",
        "Trung tâm Phục vụ hành chính công tỉnh Demo",
        "TTPVHCC",
        Kind.CENTRE,
        "000.00.00.H99",
    ),
    ("000.31.00.H99", "Ủy ban nhân dân xã Hòa An", "UBND xã Hòa An", Kind.COMMUNE, "000.00.00.H99"),
]

DEPARTMENT = "000.00.20.H99"
QUALITY_OFFICE = "000.02.20.H99"
SCHOOL = "000.12.20.H99"  # the receiving school (transfers) and the enrolling school
SENDING_UNIT = "000.13.20.H99"
RECEIVING_UNIT = "000.21.20.H99"

# (username, role code or "", agency code or "", superuser)
ACCOUNTS = [
    ("demo_reception", Role.Standard.RECEPTION, DEPARTMENT, False),
    ("demo_specialist", Role.Standard.SPECIALIST, QUALITY_OFFICE, False),
    ("demo_leader", Role.Standard.LEADER, DEPARTMENT, False),
    ("demo_result_desk", Role.Standard.RESULT_DESK, DEPARTMENT, False),
    ("demo_admin", Role.Standard.ADMIN, DEPARTMENT, True),
    ("demo_citizen", "", "", False),
    ("demo_school_specialist", Role.Standard.SPECIALIST, SCHOOL, False),
    ("demo_school_leader", Role.Standard.LEADER, SCHOOL, False),
    ("demo_sending_leader", Role.Standard.LEADER, SENDING_UNIT, False),
    ("demo_receiving_leader", Role.Standard.LEADER, RECEIVING_UNIT, False),
]
# Further roles of the same accounts: the department's specialist checks diploma copies and
# staff transfers (the department is their competent agency).
MORE_MEMBERSHIPS = [("demo_specialist", Role.Standard.SPECIALIST, DEPARTMENT)]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    agency: str
    password: str


# the street addresses results are sent by post from (docs/postal.md)
ADDRESSES = {"000.00.20.H99": "Số 1 đường Trần Phú, phường Trung tâm, tỉnh Demo"}


def demo_agencies() -> dict[str, Agency]:
    agencies: dict[str, Agency] = {}
    for code, name, short_name, kind, parent in AGENCIES:
        address = {"address": ADDRESSES[code]} if code in ADDRESSES else {}
        agency, _created = Agency.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": short_name,
                "kind": kind,
                "parent": agencies.get(parent) if parent else None,
                **address,
            },
        )
        agencies[code] = agency
    return agencies


def demo_roles() -> dict[str, Role]:
    return {
        code: Role.objects.update_or_create(code=code, defaults={"name": str(label)})[0]
        for code, label in Role.Standard.choices
    }


def _stored_passwords(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    pairs = (line.split("\t") for line in path.read_text().splitlines() if "\t" in line)
    return {username: password for username, password in pairs}


def _store_passwords(path: Path, passwords: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write("# motcua demo accounts: username<TAB>password\n")
        handle.writelines(f"{username}\t{password}\n" for username, password in passwords.items())
    path.chmod(0o600)


def demo_passwords(*, accounts_file: Path, shared_password: str) -> dict[str, str]:
    """One password for all (MOTCUA_DEMO_PASSWORD), else the saved ones, new ones generated."""
    if shared_password:
        return {username: shared_password for username, *_ in ACCOUNTS}
    passwords = _stored_passwords(accounts_file)
    missing = [username for username, *_ in ACCOUNTS if not passwords.get(username)]
    for username in missing:
        passwords[username] = secrets.token_urlsafe(12)
    if missing or not accounts_file.exists():
        _store_passwords(accounts_file, passwords)
    return passwords


def demo_accounts(
    *, agencies: dict[str, Agency], roles: dict[str, Role], passwords: dict[str, str]
) -> list[DemoAccount]:
    user_model = get_user_model()
    accounts = []
    for username, role_code, agency_code, superuser in ACCOUNTS:
        user, _created = user_model.objects.get_or_create(username=username)
        user.is_active = True
        user.is_staff = superuser
        user.is_superuser = superuser
        user.set_password(passwords[username])
        user.save()
        memberships = [(role_code, agency_code)] if role_code else []
        memberships += [(r, a) for name, r, a in MORE_MEMBERSHIPS if name == username]
        for role, agency in memberships:
            Membership.objects.update_or_create(
                user=user, agency=agencies[agency], role=roles[role], defaults={"active": True}
            )
        accounts.append(
            DemoAccount(username, role_code or "citizen", agency_code or "-", passwords[username])
        )
    return accounts


def demo_signers(*, agencies: dict[str, Agency]) -> None:
    """The development CA's seal for every demo agency and a personal signature for every
    demo leader (signing_dev_setup; nothing when MOTCUA_SIGNING_DEV is off), so that the
    demo's results are signed."""
    leader = Role.Standard.LEADER
    leaders = [(name, agency) for name, role, agency, _s in ACCOUNTS if role == leader]
    signing_dev_setup(
        agencies=[(code, agency.name) for code, agency in agencies.items()], leaders=leaders
    )


def demo_procedures() -> list[ProcedureVersion]:
    """The four seed procedures, published province-wide (unchanged ones are left alone)."""
    return [package_install(source=path).version for path in seed_packages()]


def demo_load(*, accounts_file: Path, shared_password: str = "") -> list[DemoAccount]:
    """Create or refresh all the demo data; returns the accounts and their passwords."""
    with transaction.atomic():
        agencies = demo_agencies()
        roles = demo_roles()
        passwords = demo_passwords(accounts_file=accounts_file, shared_password=shared_password)
        accounts = demo_accounts(agencies=agencies, roles=roles, passwords=passwords)
        demo_signers(agencies=agencies)
        document_template_install_defaults()
        demo_procedures()
        demo_dossiers(receiving_agency=agencies[DEPARTMENT])
    return accounts
