from django.contrib import admin

from parties.models import ApiToken, AuthorisationChange, Membership, Party, Veiligheidshuis


class ReadOnlyAdmin(admin.ModelAdmin):
    """Changes go through the beheerder's pages, which record who, when and why (P3)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Veiligheidshuis)
class VeiligheidshuisAdmin(ReadOnlyAdmin):
    list_display = ["name", "code"]


@admin.register(Party)
class PartyAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "role", "joined_on", "left_on"]
    list_filter = ["kind", "role"]
    search_fields = ["name"]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ["pk", "party", "started_on", "ended_on"]
    list_filter = ["party"]


@admin.register(AuthorisationChange)
class AuthorisationChangeAdmin(ReadOnlyAdmin):
    list_display = ["at", "action", "party"]
    list_filter = ["action"]


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ["key_prefix", "name", "party", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["party"]
    exclude = ["key_hash"]
