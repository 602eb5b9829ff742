"""The second factor of each request's user (S4), read as django-otp reads it, with its SQL
compiled once per process (issue 13)."""

from contextlib import suppress

from django.apps import apps
from django_otp.middleware import OTPMiddleware
from django_otp.models import Device

from config.compiled import CompiledQuery

# No device has this pk: it stands in for the session's device in the compiled SQL.
_ANY_DEVICE = -2_000_000_002  # within a 32-bit key's range, or Django finds no row

_QUERIES: dict[type, CompiledQuery] = {}


def _query_for(device_model) -> CompiledQuery:
    query = _QUERIES.get(device_model)
    if query is None:
        query = _QUERIES[device_model] = CompiledQuery(
            lambda pk: device_model.objects.filter(id=pk), placeholders=(_ANY_DEVICE,)
        )
    return query


class SecondFactorMiddleware(OTPMiddleware):
    """django-otp's `OTPMiddleware` (installed in its place), reading the session's device as
    `Device.from_persistent_id` does (the same model and pk, nothing for a malformed id) from a
    compiled query. django-otp still decides whether the device counts (`_finalize_device`: the
    user's own and confirmed) and what `is_verified()` answers."""

    def _device_from_persistent_id(self, persistent_id: str):
        persistent_id = self._normalize_persistent_id(persistent_id)
        with suppress(ValueError, LookupError):
            model_label, device_id = persistent_id.rsplit("/", 1)
            app_label, model_name = model_label.split(".")
            device_model = apps.get_model(app_label, model_name)
            if issubclass(device_model, Device):
                found = _query_for(device_model).fetch(int(device_id))
                return found[0] if found else None
        return None
