"""The admin, the inbox and every other staff page refuse a session that has passed only the password."""

import pytest
from django.urls import reverse

from secondfactor.middleware import SecondFactorRequiredMiddleware
from secondfactor.policy import needs_second_factor
from tests.editorial.test_admin_hardening import admin_moved_to  # noqa: F401
from tests.secondfactor.conftest import post_code, post_password
from tests.staff import authenticator_for, code_for, sign_in
from tests.volunteers.conftest import make_enquiry

STAFF_PAGES = [
    ("get", "/admin/"),
    ("get", "/admin/articles/article/"),
    ("get", "/admin/articles/article/add/"),
    ("get", "/admin/editorial/review-dates/"),
    ("get", "/admin/volunteers/notification/"),
    ("get", "/admin/password_change/"),
    ("get", "/admin/second-factor/backup-codes/"),
    ("get", "/inbox/"),
    ("get", "/inbox/export.csv"),
    ("get", "/inbox/{pk}/"),
    ("post", "/inbox/{pk}/status/"),
    ("post", "/inbox/{pk}/notes/"),
    ("post", "/admin/articles/article/preview/"),
]


def second_step(response) -> str:
    assert response.status_code == 302, response.status_code
    return response["Location"]


@pytest.mark.parametrize("role", ["moderator", "editor", "reviewer", "superuser"])
@pytest.mark.parametrize(("method", "path"), STAFF_PAGES)
def test_a_session_past_only_the_password_reaches_no_staff_page(client, request, role, method, path):
    user = request.getfixturevalue(role)
    authenticator_for(user)
    path = path.format(pk=make_enquiry().pk)
    assert post_password(client, user).status_code == 302  # the password was right

    response = getattr(client, method)(path, {"note": "x", "status": "contacted", "body": "x"})

    assert second_step(response).startswith(reverse("secondfactor:verify"))
    assert "private" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_the_second_step_keeps_the_page_asked_for(client, moderator):
    authenticator_for(moderator)
    post_password(client, moderator)
    assert (
        second_step(client.get("/inbox/?status=new"))
        == "/admin/second-factor/?next=%2Finbox%2F%3Fstatus%3Dnew"
    )


def test_an_account_without_an_authenticator_is_sent_to_set_one_up(client, moderator):
    post_password(client, moderator)
    assert second_step(client.get("/inbox/")).startswith(reverse("secondfactor:enrol"))
    assert client.get(reverse("secondfactor:enrol")).status_code == 200


def test_the_right_code_opens_the_inbox(client, moderator):
    device = authenticator_for(moderator)
    post_password(client, moderator)
    assert client.get(reverse("secondfactor:verify") + "?next=/inbox/").status_code == 200

    response = post_code(client, code_for(device))

    assert second_step(response) == "/inbox/"
    assert client.get("/inbox/").status_code == 200


def test_the_admin_at_a_configured_url_refuses_too(client, editor, admin_moved_to):  # noqa: F811
    admin_moved_to("staff-7f3/")
    device = authenticator_for(editor)
    response = client.post(
        "/staff-7f3/login/", {"username": editor.username, "password": "a-long-test-password-42"}
    )
    assert response.status_code == 302

    assert second_step(client.get("/staff-7f3/articles/article/")).startswith("/staff-7f3/second-factor/")
    post_code(client, code_for(device), next_url="/staff-7f3/")
    assert client.get("/staff-7f3/articles/article/").status_code == 200


def test_force_login_alone_is_a_half_signed_in_session(client, moderator):
    """What tests used to do is now refused: tests sign staff in with tests.staff.sign_in."""
    client.force_login(moderator)
    assert client.get("/inbox/").status_code == 302
    sign_in(client, moderator)
    assert client.get("/inbox/").status_code == 200


def test_a_half_signed_in_session_can_still_sign_out(client, moderator):
    authenticator_for(moderator)
    post_password(client, moderator)
    response = client.post(reverse("admin:logout"))
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_every_staff_role_and_superusers_need_it_and_nobody_else(
    django_user_model, moderator, editor, reviewer, superuser
):
    plain = django_user_model.objects.create_user("reader", password="x" * 20)
    assert [needs_second_factor(u) for u in (moderator, editor, reviewer, superuser)] == [True] * 4
    assert not needs_second_factor(plain)
    plain.groups.add(moderator.groups.first())  # a role without the staff flag still counts
    assert needs_second_factor(plain)


def test_the_requirement_is_always_installed(settings):
    """No setting turns it off: the middleware sits right after django-otp's in every environment."""
    middleware = settings.MIDDLEWARE
    ours = f"{SecondFactorRequiredMiddleware.__module__}.{SecondFactorRequiredMiddleware.__name__}"
    assert middleware.index(ours) == middleware.index("django_otp.middleware.OTPMiddleware") + 1


def test_reading_pages_are_left_alone(client, content):
    """The check never reads a session nobody sent: no cookie, no `Vary: Cookie`, still cached."""
    for path in ("/", "/modalities/emdr/", "/search/?q=nightmares"):
        response = client.get(path)
        assert response.cookies == {}, path
        assert "cookie" not in response.get("Vary", "").lower(), path
