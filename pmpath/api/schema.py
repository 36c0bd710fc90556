"""The API's OpenAPI document says every way a call can fail: the same few error answers,
each a JSON object whose `detail` says what went wrong (a sentence, or ninja's list of field
errors for 422). schemathesis checks every response against this document in CI."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI

ERRORS = {
    "400": "The request could not be read.",
    "401": "No valid API token or session.",
    "404": "No such object among yours (another person's ids answer the same).",
    "409": "The request conflicts with the current state (e.g. no resume yet).",
    "413": "The body is too large.",
    "422": "A field is missing or wrong: `detail` names it.",
    "429": "Too many failed attempts from this address: wait, then try again.",
    "503": "The answer is being prepared: try again shortly.",
}
ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "properties": {
        "detail": {
            "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "object"}}],
        }
    },
    "required": ["detail"],
}


class DocumentedAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        """Built once per process for each prefix (the routes do not change while it runs:
        building it took about 35 ms a request). Callers must not change what they get."""
        key = repr((args, sorted(kwargs.items())))
        built: dict[str, Any] = self.__dict__.setdefault("_built_schemas", {})
        if key not in built:
            built[key] = self._documented_schema(*args, **kwargs)
        return built[key]

    def _documented_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        error = {
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        }
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                # A route may declare an error answer of its own (with an int key): keep its
                # body and allow ninja's own error body beside it (a 422 for a malformed
                # request comes from ninja before the route runs).
                responses = {str(k): v for k, v in operation.get("responses", {}).items()}
                for code, description in ERRORS.items():
                    declared = responses.get(code)
                    if declared is None:
                        responses[code] = {"description": description, **error}
                        continue
                    media = declared.get("content", {}).get("application/json")
                    if media and "schema" in media:
                        ref = {"$ref": "#/components/schemas/Error"}
                        media["schema"] = {"anyOf": [media["schema"], ref]}
                operation["responses"] = responses
        return schema
