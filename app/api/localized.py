"""The JSON schema of a response collapsed by ``lang``: each text in several languages as one
field, by the rule ``app.representations`` serves them by."""

from typing import Any

from app.representations import text_name


def localized_schema(schema: Any, suffix: str) -> Any:
    """The JSON schema of a response collapsed by ``lang``, with refs to localized variants."""
    if isinstance(schema, list):
        return [localized_schema(item, suffix) for item in schema]
    if not isinstance(schema, dict):
        return schema
    result: dict[str, Any] = {}
    properties = schema.get("properties", {})
    for key, value in schema.items():
        if key == "$ref":
            result[key] = value + suffix
        elif key == "properties":
            result[key] = {}
            for name, prop in value.items():
                base = text_name(name, value)
                if base is None:
                    result[key][name] = localized_schema(prop, suffix)
                elif base not in result[key]:
                    result[key][base] = localized_schema(prop, suffix)
        elif key == "required":
            required: list[str] = []
            for name in value:
                name = text_name(name, properties) or name
                if name not in required:
                    required.append(name)
            result[key] = required
        else:
            result[key] = localized_schema(value, suffix)
    return result
