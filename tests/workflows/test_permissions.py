import pytest

from workflows.permissions import is_role_permission, parse_role_permission, role_permission_code


@pytest.mark.parametrize(
    ("role", "agency"),
    [
        ("specialist", "000.00.20.H99"),
        ("result_desk", "G09.20"),
        ("reception", "H18-01"),
        ("admin", "X"),
    ],
)
def test_round_trip(role, agency):
    code = role_permission_code(role, agency)
    assert code == f"workflows.role:{role}@{agency}"
    assert code.split(".", 1)[0] == "workflows"  # an "app_label.codename" Django accepts
    assert len(code) <= 255  # viewflow's owner_permission column
    assert is_role_permission(code)
    assert parse_role_permission(code) == (role, agency)


@pytest.mark.parametrize(
    ("role", "agency"),
    [
        ("Specialist", "000.00.20.H99"),
        ("special ist", "000.00.20.H99"),
        ("role@x", "000.00.20.H99"),
        ("specialist", "000.00.20.H99@x"),
        ("specialist", "000..20"),
        ("specialist", ""),
        ("", "G09.20"),
        ("specialist", "G09.20:x"),
    ],
)
def test_refuses_parts_that_would_not_round_trip(role, agency):
    with pytest.raises(ValueError):
        role_permission_code(role, agency)


@pytest.mark.parametrize(
    "permission",
    [
        "workflows.view_dossier",
        "workflows.role:specialist",
        "workflows.role:@G09.20",
        "other.role:specialist@G09.20",
        "workflows.role:specialist@G09.20\n",
        "workflows.role:specialist@G09.20@x",
    ],
)
def test_parse_refuses_anything_else(permission):
    assert not is_role_permission(permission)
    with pytest.raises(ValueError):
        parse_role_permission(permission)
