"""The REST API and its OpenAPI description."""

from config.environment import setting

# --- API --------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "parties.authentication.PartyTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["parties.permissions.IsVerifiedMember"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["config.api_input.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "config.api_input.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "config.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "config.api.problem_exception_handler",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Veiligheidshuis API",
    "DESCRIPTION": "REST API of the Veiligheidshuis case-meeting files (NLGov API Design Rules).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Paths relative to `servers` (config.openapi), which names the major version.
    "SCHEMA_PATH_PREFIX_TRIM": True,
    # Request bodies apart from answers: without read-only fields, with what input must meet
    # (a text that may not be blank has `minLength: 1`).
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "config.openapi.adr_postprocessing_hook",
    ],
    # Published to anyone: a wrong token header must not turn the description into a 401.
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "ENUM_NAME_OVERRIDES": {
        "AssessmentStatusEnum": "weegploeg.constants.AssessmentStatus",
        "PartyRoleEnum": "parties.constants.PartyRole",
        "CaseStatusEnum": "cases.constants.CaseStatus",
        "MeasureStatusEnum": "cases.constants.MeasureStatus",
        "RelatedRoleEnum": "cases.constants.RelatedRole",
        "IdentityMethodEnum": "cases.constants.IdentityMethod",
        "KindEnum": "parties.constants.PartyKind",
        "RequestIdentityMethodEnum": "rights.constants.IdentityMethod",
        "RequestKindEnum": "rights.constants.RequestKind",
        "RequestStateEnum": "rights.constants.RequestState",
        "LetterKindEnum": "rights.constants.LetterKind",
        "SendingMeansEnum": "rights.constants.SendingMeans",
        "ReasonEnum": "cases.constants.ClosingReason",
        "RectificationReasonEnum": "rights.outcome_constants.RectificationReason",
    },
}
API_VERSION = SPECTACULAR_SETTINGS["VERSION"]
API_CONTACT_NAME = setting(
    "API_CONTACT_NAME",
    default="Functioneel beheer Veiligheidshuis",
    help_text="Who answers questions about the API: `info.contact` of the OpenAPI document.",
    group="API",
)
API_CONTACT_URL = setting(
    "API_CONTACT_URL",
    default="https://veiligheidshuis.localhost/",
    help_text="Web address of the API's contact (`info.contact.url`).",
    group="API",
)
API_CONTACT_EMAIL = setting(
    "API_CONTACT_EMAIL",
    default="api@veiligheidshuis.localhost",
    help_text="E-mail address of the API's contact (`info.contact.email`).",
    group="API",
)
