"""Devices are not edited in the admin: their pages would show each authenticator's secret key.
Operators reset a lost device with `manage.py reset_second_factor`; people set up their own."""

from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
