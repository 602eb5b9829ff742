from django.db import migrations

# AVG 23(1) as UAVG 41(1) gives it, in the words of the law: the grounds to postpone informing
# (I2) and to refuse or limit access (R5). The list is kept in the database so that it can be
# maintained; a ground is retired (active=False), never deleted.
GROUNDS = [
    ("nationale-veiligheid", "de nationale veiligheid", "UAVG 41(1)(a)"),
    ("landsverdediging", "landsverdediging", "UAVG 41(1)(b)"),
    ("openbare-veiligheid", "de openbare veiligheid", "UAVG 41(1)(c)"),
    (
        "strafbare-feiten",
        "de voorkoming, het onderzoek, de opsporing en de vervolging van strafbare feiten of de "
        "tenuitvoerlegging van straffen",
        "UAVG 41(1)(d)",
    ),
    (
        "algemeen-belang",
        "andere belangrijke doelstellingen van algemeen belang, met name een belangrijk "
        "economisch of financieel belang",
        "UAVG 41(1)(e)",
    ),
    (
        "rechterlijke-onafhankelijkheid",
        "de bescherming van de onafhankelijkheid van de rechter en van gerechtelijke procedures",
        "UAVG 41(1)(f)",
    ),
    (
        "beroepscodes",
        "de voorkoming, het onderzoek, de opsporing en de vervolging van schendingen van de "
        "beroepscodes voor gereglementeerde beroepen",
        "UAVG 41(1)(g)",
    ),
    (
        "toezicht",
        "een taak op het gebied van toezicht, inspectie of regelgeving die verband houdt met de "
        "uitoefening van het openbaar gezag in de gevallen onder c, d, e en g",
        "UAVG 41(1)(h)",
    ),
    (
        "bescherming-betrokkene",
        "de bescherming van de betrokkene of van de rechten en vrijheden van anderen",
        "UAVG 41(1)(i)",
    ),
    ("civiele-vorderingen", "de inning van civielrechtelijke vorderingen", "UAVG 41(1)(j)"),
]


def seed(apps, schema_editor):
    LegalGround = apps.get_model("rights", "LegalGround")
    for order, (code, label, article) in enumerate(GROUNDS, start=1):
        LegalGround.objects.update_or_create(
            code=code, defaults={"label": label, "article": article, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("rights", "0004_duty_file_required")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
