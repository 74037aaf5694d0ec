"""Who may see the moderated inbox: decided here and nowhere else."""

from django.contrib.auth import get_user_model

MODERATE_PERMISSION = "volunteers.moderate_enquiry"
MODERATORS_GROUP = "Moderators"
# `with_perm` needs a backend named when several are configured (axes sits in front of ModelBackend).
PERMISSION_BACKEND = "django.contrib.auth.backends.ModelBackend"


def can_moderate(user) -> bool:
    """True for an active, signed-in account holding the moderation permission (directly, through the
    Moderators group, or as a superuser). Every inbox view, the admin and the mail recipients ask this."""
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(MODERATE_PERMISSION))


def moderators():
    """The accounts `can_moderate` says yes to, as a queryset (for assignment and alert emails)."""
    return (
        get_user_model()
        .objects.with_perm(
            MODERATE_PERMISSION, is_active=True, include_superusers=True, backend=PERMISSION_BACKEND
        )
        .order_by("username")
    )
