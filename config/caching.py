"""No copy of personal data in a browser's or proxy's cache (S1, CTER 15.1).

Every API answer and every page to a signed-in user may show personal data: it is sent with
`Cache-Control: no-store` (and `Pragma: no-cache` for HTTP/1.0 caches). What an anonymous
visitor sees (the sign-in page, the language switch, the API description) and the static
files, which WhiteNoise answers before this middleware, may be cached."""

from config.api import API_PREFIX

NO_STORE = "no-store"


def may_show_personal_data(request) -> bool:
    user = getattr(request, "user", None)
    return request.path.startswith(API_PREFIX) or bool(user and user.is_authenticated)


class NoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Decided before the view runs: signing out must not make its answer cacheable.
        private = may_show_personal_data(request)
        response = self.get_response(request)
        if private or may_show_personal_data(request):
            response["Cache-Control"] = NO_STORE
            response["Pragma"] = "no-cache"
        return response
