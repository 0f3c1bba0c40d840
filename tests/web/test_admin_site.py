"""Django's admin site stays mounted at /admin/ for staff accounts (a superuser reads the append-only logs there
and corrects the organisation tree between imports); SOPAP_ADMIN_SITE=0 unmounts it."""

from __future__ import annotations

import pytest

from tests.web.env_settings import production_env, run

RESOLVE = (
    "import django; django.setup(); from django.urls import Resolver404, resolve\n"
    "try:\n    print(resolve('/admin/').namespace)\nexcept Resolver404:\n    print('absent')"
)


@pytest.mark.django_db
def test_the_admin_site_admits_staff_only(client, django_user_model):
    user = django_user_model.objects.create_user("biasa", password="sandi-biasa-2026")
    client.force_login(user)
    assert client.get("/admin/").status_code == 302, "a user who is not staff is sent to the admin's login"
    staff = django_user_model.objects.create_superuser("super", password="sandi-super-2026")
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(("value", "seen"), [("", "admin"), ("1", "admin"), ("0", "absent")])
def test_sopap_admin_site_mounts_or_unmounts_it(tmp_path, value, seen):
    env = production_env(tmp_path, SOPAP_ADMIN_SITE=value, DJANGO_SETTINGS_MODULE="sopap.web.settings")
    done = run(env, "-c", RESOLVE)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == seen
