"""Management information (U6) and the register of processing activities (AVG 30)."""

app_name = "insights"

urlpatterns: list = []
