"""Who must pass a second factor after the password: decided here and nowhere else.

Moderators see volunteers' personal data and reviewers publish clinical text, so every account with
any staff power signs in with a code from an authenticator app as well as a password: staff accounts
(the only ones the admin's sign-in lets in), superusers, and members of any group (every group on
this site is a staff role: Editors, Clinical reviewers, Moderators) or holders of any permission, in
case an account was given powers without the staff flag. There is no setting that turns this off.
"""


def needs_second_factor(user) -> bool:
    if not (user and user.is_authenticated):
        return False
    return bool(user.is_staff or user.is_superuser or user.groups.exists() or user.user_permissions.exists())


def has_passed_second_factor(user) -> bool:
    """True once this session has been verified with one of the user's own confirmed devices
    (django-otp's middleware checks the device still exists, belongs to the user and is confirmed)."""
    return bool(getattr(user, "is_verified", None) and user.is_verified())


def is_half_signed_in(user) -> bool:
    """Signed in with the password only: staff pages refuse such a session."""
    return needs_second_factor(user) and not has_passed_second_factor(user)
