from datetime import timedelta

from django.db import migrations, models
from django.db.models import F

# Tokens issued before tokens expired get the default lifetime, counted from their issue.
DEFAULT_LIFETIME = timedelta(days=365)


def expire_existing_tokens(apps, schema_editor):
    ApiToken = apps.get_model("parties", "ApiToken")
    ApiToken.objects.filter(expires_at__isnull=True).update(
        expires_at=F("created_at") + DEFAULT_LIFETIME
    )


class Migration(migrations.Migration):
    dependencies = [
        ("parties", "0003_verbose_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="expires at"),
        ),
        migrations.RunPython(expire_existing_tokens, migrations.RunPython.noop),
    ]
