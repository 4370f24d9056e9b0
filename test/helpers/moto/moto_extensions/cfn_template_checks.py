"""Template checks CloudFormation makes before it creates anything, and moto does not.

moto meets an unknown Ref or GetAtt target only while creating the resource that holds it (a KeyError,
HTTP 500 to the caller, or with cfn-create-failure-rollback a rollback), and a DependsOn cycle as a
RecursionError. CloudFormation refuses both templates up front with a ValidationError and creates no
stack; so does this.
"""

from __future__ import annotations

from typing import Any

from moto.cloudformation.exceptions import ValidationError
from moto.cloudformation.models import CloudFormationBackend, Stack

from .cfn_stack_lifecycle import dependencies, references

PSEUDO_PARAMETERS = {
    "AWS::AccountId",
    "AWS::NotificationARNs",
    "AWS::NoValue",
    "AWS::Partition",
    "AWS::Region",
    "AWS::StackId",
    "AWS::StackName",
    "AWS::URLSuffix",
}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    visiting: list[str] = []
    done: set[str] = set()

    def visit(node: str) -> list[str] | None:
        if node in done:
            return None
        if node in visiting:
            return visiting[visiting.index(node) :]
        visiting.append(node)
        for target in sorted(graph.get(node, ())):
            found = visit(target)
            if found:
                return found
        visiting.pop()
        done.add(node)
        return None

    for start in sorted(graph):
        found = visit(start)
        if found:
            return found
    return None


def check_template(template: dict[str, Any]) -> None:
    resources = template.get("Resources")
    if not isinstance(resources, dict):
        return  # moto's own "At least one Resources member must be defined" applies
    names = set(resources) | set(template.get("Parameters") or {}) | PSEUDO_PARAMETERS
    for section, body in (("Resources", resources), ("Outputs", template.get("Outputs") or {})):
        for item in body.values() if isinstance(body, dict) else []:
            if section == "Resources":
                depends_on = item.get("DependsOn") or []
                targets = references(item.get("Properties")) | (
                    {depends_on} if isinstance(depends_on, str) else set(depends_on)
                )
            else:
                targets = references(item)
            unknown = sorted(targets - names)
            if unknown:
                raise ValidationError(
                    message=f"Template format error: Unresolved resource dependencies [{', '.join(unknown)}] "
                    f"in the {section} block of the template"
                )
    graph = {name: dependencies(body, set(resources)) for name, body in resources.items() if isinstance(body, dict)}
    cycle = _cycle(graph)
    if cycle:
        raise ValidationError(message=f"Circular dependency between resources: [{', '.join(sorted(cycle))}]")


def _parsed(template: Any) -> dict[str, Any] | None:
    try:
        parsed = Stack.parse_template(template) if isinstance(template, str) else template
    except Exception:  # noqa: BLE001 - moto reports unparsable templates itself
        return None
    return parsed if isinstance(parsed, dict) else None


def install() -> None:
    original_create = CloudFormationBackend.create_stack
    original_update = CloudFormationBackend.update_stack

    def create_stack(self: CloudFormationBackend, name: str, template: Any, *args: Any, **kwargs: Any) -> Any:
        parsed = _parsed(template)
        if parsed is not None:
            check_template(parsed)
        return original_create(self, name, template, *args, **kwargs)

    def update_stack(self: CloudFormationBackend, name: str, *args: Any, **kwargs: Any) -> Any:
        parsed = _parsed(kwargs.get("template", args[0] if args else None))
        if parsed is not None:
            check_template(parsed)
        return original_update(self, name, *args, **kwargs)

    CloudFormationBackend.create_stack = create_stack
    CloudFormationBackend.update_stack = update_stack
