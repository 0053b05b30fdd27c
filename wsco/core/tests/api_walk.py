"""Every operation of the platform's API, found by walking its routers (for tests that must cover
the endpoints of apps they do not know)."""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, get_args, get_origin

from ninja.operation import Operation
from ninja.params.models import ParamModel
from pydantic import BaseModel

from wsco.api import api


@dataclass(frozen=True)
class ApiOperation:
    method: str
    path: str
    operation: Operation

    def __str__(self) -> str:
        return f"{self.method} {self.path}"

    def input_models(self, source: str | None = None) -> list[type[ParamModel]]:
        """Return the operation's input models (one per place: path, query, body...).

        With `source`, only that place's.
        """
        return [
            model
            for model in self.operation.models
            if source is None or model.__ninja_param_source__ == source
        ]

    def success_type(self) -> Any:
        """Return the type the operation answers with on success."""
        [success] = [
            model
            for status, model in self.operation.response_models.items()
            if isinstance(status, int) and 200 <= status < 300
        ]
        # None: no body (204); NOT_SET: a body the operation does not describe.
        return getattr(success, "__annotations__", {}).get("response")


def api_operations() -> Iterator[ApiOperation]:
    """Yield every operation the API serves, as its OpenAPI document names them."""
    for router in api._get_bound_routers():
        for path, view in router.path_operations.items():
            for operation in view.operations:
                full_path = re.sub("/+", "/", f"/api/{router.prefix}/{path}")
                # As the OpenAPI document writes it: `{member_id}`, not `{int:member_id}`.
                full_path = re.sub(r"{[^}:]+:", "{", full_path)
                for method in operation.methods:
                    yield ApiOperation(method, full_path, operation)


def field_types(model: type[BaseModel]) -> Iterator[tuple[str, Any, type[BaseModel]]]:
    """Yield (name, annotation, model) for every field of `model` and of the models it nests."""
    for name, info in model.model_fields.items():
        yield name, info.annotation, model
        for nested in nested_models(info.annotation):
            yield from field_types(nested)


def nested_models(annotation: Any) -> Iterator[type[BaseModel]]:
    """Yield the pydantic models an annotation holds (`X`, `list[X]`, `X | None`...)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    if get_origin(annotation) is not None:
        for argument in get_args(annotation):
            yield from nested_models(argument)
