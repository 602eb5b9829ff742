# OWNED BY THE PAGES HELPER.
urlpatterns = []
