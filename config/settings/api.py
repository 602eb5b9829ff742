"""The REST API and its OpenAPI description."""

# --- API --------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "parties.authentication.PartyTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["parties.permissions.IsVerifiedMember"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "config.api.problem_exception_handler",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Veiligheidshuis API",
    "DESCRIPTION": "REST API of the Veiligheidshuis case-meeting files (NLGov API Design Rules).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Published to anyone: a wrong token header must not turn the description into a 401.
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "ENUM_NAME_OVERRIDES": {
        "AssessmentStatusEnum": "weegploeg.constants.AssessmentStatus",
        "PartyRoleEnum": "parties.constants.PartyRole",
        "CaseStatusEnum": "cases.constants.CaseStatus",
        "MeasureStatusEnum": "cases.constants.MeasureStatus",
        "RelatedRoleEnum": "cases.constants.RelatedRole",
    },
}
API_VERSION = SPECTACULAR_SETTINGS["VERSION"]
