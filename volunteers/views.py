"""Volunteer interest form (placeholder until the moderated inbox lands)."""

from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
def volunteer_form(request):
    return render(request, "volunteers/form.html")


@require_safe
def thanks(request):
    return render(request, "volunteers/thanks.html")
