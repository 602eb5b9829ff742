"""The maintained list of legal grounds (AVG 23, UAVG 41) in the admin: a ground may be added
and retired (no longer offered), never deleted, because postponements and refusals cite it.
The beheerder does the same on its own page (`rights.views.file_settings_grounds`)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from parties.permissions import is_beheerder
from rights.models import LegalGround


@admin.register(LegalGround)
class LegalGroundAdmin(admin.ModelAdmin):
    list_display = ["article", "label", "active", "order"]
    list_filter = ["active"]
    ordering = ["order", "code"]
    actions = ["retire", "bring_back"]

    def _may_maintain(self, request) -> bool:
        return request.user.is_superuser or is_beheerder(request.user)

    def has_module_permission(self, request):
        return self._may_maintain(request)

    def has_view_permission(self, request, obj=None):
        return self._may_maintain(request)

    def has_add_permission(self, request):
        return self._may_maintain(request)

    def has_change_permission(self, request, obj=None):
        return self._may_maintain(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        # A ground's code is how others refer to it (R5's Withheld.ground): fixed once made.
        return ["code"] if obj is not None else []

    @admin.action(description=_("Retire the chosen grounds"))
    def retire(self, request, queryset):
        queryset.update(active=False)

    @admin.action(description=_("Bring the chosen grounds back into use"))
    def bring_back(self, request, queryset):
        queryset.update(active=True)
