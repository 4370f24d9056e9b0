"""CloudFormation stack lifecycle: delete order, failed deletes, failed creates, deleted stacks.

moto runs a stack delete as "try every resource, retry the failures until nothing moves" and, when a
resource still fails, raises from DeleteStack and drops the stack from both the live and the deleted
lists (TESTBED §2.1). A failed create raises from CreateStack and leaves the stack CREATE_IN_PROGRESS
forever. And because moto's resource map creates resources lazily on first read, describing a deleted
stack by ID (Outputs, DescribeStackResources) creates its resources again (seen with 5.2.5). The patches
here give the behaviour of CloudFormation instead; README.md says what each one changes.
"""

from __future__ import annotations

import re
import traceback
from typing import Any

from moto.cloudformation import parsing
from moto.cloudformation.exceptions import CloudFormationError, ValidationError
from moto.cloudformation.models import CloudFormationBackend, Event, Stack
from moto.cloudformation.parsing import ResourceMap

from .common import error_text, is_moto_client_error, log

GONE = "_private_eks_gone"  # set on a ResourceMap once its stack is being deleted or rolled back
FAILED_RESOURCE = "_private_eks_failed_resource"
NOT_UPDATABLE = ("ROLLBACK_COMPLETE", "ROLLBACK_FAILED", "DELETE_FAILED", "CREATE_FAILED")
SUB_REFERENCE = re.compile(r"\$\{([^!}][^}]*)\}")


def references(node: Any) -> set[str]:
    """Logical IDs a template fragment points at: Ref, Fn::GetAtt (both forms), ${X} and ${X.Attr} in Fn::Sub."""
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "Ref" and isinstance(value, str):
                found.add(value)
            elif key == "Fn::GetAtt":
                target = value[0] if isinstance(value, list) and value else value
                if isinstance(target, str):
                    found.add(target.split(".")[0])
            elif key == "Fn::Sub":
                text, variables = (value[0], value[1]) if isinstance(value, list) and len(value) == 2 else (value, {})
                if isinstance(text, str):
                    local = set(variables) if isinstance(variables, dict) else set()
                    found.update(m.split(".")[0] for m in SUB_REFERENCE.findall(text) if m.split(".")[0] not in local)
                found.update(references(variables))
            else:
                found.update(references(value))
    elif isinstance(node, list):
        for item in node:
            found.update(references(item))
    return found


def dependencies(resource_json: dict[str, Any], logical_ids: set[str]) -> set[str]:
    depends_on = resource_json.get("DependsOn") or []
    named = {depends_on} if isinstance(depends_on, str) else set(depends_on)
    return (references(resource_json.get("Properties")) | named) & logical_ids


def install_dependency_ordered_delete() -> None:
    def delete(self: ResourceMap) -> None:
        setattr(self, GONE, True)
        templates = self._resource_json_map
        ids = set(templates)
        needs = {name: dependencies(body, ids) - {name} for name, body in templates.items()}
        remaining = {name for name, body in templates.items() if body.get("DeletionPolicy") != "Retain"}
        failures: dict[str, BaseException] = {}

        def attempt(names: list[str]) -> bool:
            progressed = False
            for name in names:
                resource = self._parsed_resources.get(name)
                try:
                    if resource is not None and not isinstance(resource, str):
                        self._delete_resource(resource, templates[name])
                        self._parsed_resources.pop(name, None)
                except Exception as error:  # noqa: BLE001 - reported as the resource's DELETE_FAILED reason
                    failures[name] = error
                else:
                    failures.pop(name, None)
                    remaining.discard(name)
                    progressed = True
            return progressed

        while remaining:
            # CloudFormation deletes a resource only once nothing still standing refers to it.
            ready = sorted(r for r in remaining if not any(r in needs[o] for o in remaining if o != r))
            # If that stalls (a cycle, or a dependency the template does not show), fall back to moto's
            # own "try everything again" pass before giving up.
            if not attempt(ready) and not attempt(sorted(remaining)):
                error = next(iter(failures.values()))
                setattr(error, FAILED_RESOURCE, sorted(failures))
                raise error

    original_getitem = ResourceMap.__getitem__

    def getitem(self: ResourceMap, key: str) -> Any:
        if getattr(self, GONE, False) and key not in self._parsed_resources:
            return None  # never create anything for a stack that is being or has been deleted
        return original_getitem(self, key)

    ResourceMap.delete = delete
    ResourceMap.__getitem__ = getitem


def install_deleted_stack_stays_deleted() -> None:
    original_outputs = Stack.outputs
    original_exports = Stack.exports
    original_resources = Stack.stack_resources

    def gone(stack: Stack) -> bool:
        return bool(getattr(stack.resource_map, GONE, False))

    Stack.outputs = property(lambda self: None if gone(self) else original_outputs.fget(self))
    Stack.exports = property(lambda self: [] if gone(self) else original_exports.fget(self))
    # What is left of a stack whose delete failed; nothing for one that is gone.
    Stack.stack_resources = property(
        lambda self: [r for r in self.resource_map._parsed_resources.values() if hasattr(r, "logical_resource_id")]
        if gone(self)
        else original_resources.fget(self)
    )


def _resource_event(stack: Stack, logical_id: str, status: str, reason: str) -> None:
    body = stack.template_dict.get("Resources", {}).get(logical_id, {}) if isinstance(stack.template_dict, dict) else {}
    resource = stack.resource_map._parsed_resources.get(logical_id)
    stack.events.append(
        Event(
            stack_id=stack.stack_id,
            stack_name=stack.name,
            logical_resource_id=logical_id,
            physical_resource_id=str(getattr(resource, "physical_resource_id", "") or ""),
            resource_type=str(body.get("Type", "")),
            resource_status=status,
            resource_status_reason=reason,
            resource_properties=None,
        )
    )


def _log_failure(what: str, error: BaseException) -> None:
    if is_moto_client_error(error):
        log.warning("%s: %s", what, error_text(error))
    else:
        # A bug in moto or in an extension, not an AWS-shaped refusal: keep the traceback in the log.
        log.error("%s: %s\n%s", what, error_text(error), "".join(traceback.format_exception(error)))


def install_delete_failed_status() -> None:
    def delete_stack(self: CloudFormationBackend, name_or_stack_id: str) -> None:
        stack = self.stacks.get(name_or_stack_id) or next(
            (s for s in self.stacks.values() if s.name == name_or_stack_id), None
        )
        if stack is None:
            return  # deleting an unknown stack is a silent no-op, as in AWS
        export_names = [export.name for export in stack.exports]
        try:
            stack.delete()
        except Exception as error:  # noqa: BLE001 - becomes DELETE_FAILED, as CloudFormation reports it
            failed = getattr(error, FAILED_RESOURCE, [])
            _log_failure(f"delete of stack {stack.name} failed", error)
            for logical_id in failed:
                _resource_event(stack, logical_id, "DELETE_FAILED", error_text(error))
            stack.status = "DELETE_FAILED"
            stack.status_reason = f"The following resource(s) failed to delete: [{', '.join(failed)}]. "
            stack._add_stack_event("DELETE_FAILED", resource_status_reason=stack.status_reason)
            return
        self.stacks.pop(stack.stack_id, None)
        self.deleted_stacks[stack.stack_id] = stack
        for export_name in export_names:
            self.exports.pop(export_name, None)

    CloudFormationBackend.delete_stack = delete_stack


def install_create_failure_rollback() -> None:
    original_create = parsing.parse_and_create_resource

    def create_resource(logical_id: str, resource_json: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return original_create(logical_id, resource_json, *args, **kwargs)
        except Exception as error:
            if not hasattr(error, FAILED_RESOURCE):  # the innermost resource is the one that failed
                setattr(error, FAILED_RESOURCE, [logical_id])
            raise

    parsing.parse_and_create_resource = create_resource

    original_create_stack = CloudFormationBackend.create_stack

    def create_stack(self: CloudFormationBackend, name: str, *args: Any, **kwargs: Any) -> Stack:
        before = set(self.stacks)
        try:
            return original_create_stack(self, name, *args, **kwargs)
        except Exception as error:
            created = [stack for stack_id, stack in self.stacks.items() if stack_id not in before]
            if not created:
                raise  # refused before the stack existed (template, parameters): synchronous in AWS too
            stack = created[0]
            _roll_back(self, stack, error)
            return stack

    original_update_stack = CloudFormationBackend.update_stack

    def update_stack(self: CloudFormationBackend, name: str, *args: Any, **kwargs: Any) -> Any:
        stack = next((s for s in self.stacks.values() if name in (s.name, s.stack_id)), None)
        if stack is not None and stack.status in NOT_UPDATABLE:
            raise ValidationError(message=f"Stack:{stack.stack_id} is in {stack.status} state and can not be updated.")
        return original_update_stack(self, name, *args, **kwargs)

    CloudFormationBackend.create_stack = create_stack
    CloudFormationBackend.update_stack = update_stack


def _roll_back(backend: CloudFormationBackend, stack: Stack, error: BaseException) -> None:
    failed = getattr(error, FAILED_RESOURCE, [])
    _log_failure(f"create of stack {stack.name} failed, rolling back", error)
    if not any(e.resource_status == "CREATE_IN_PROGRESS" and e.logical_resource_id == stack.name for e in stack.events):
        stack._add_stack_event("CREATE_IN_PROGRESS", resource_status_reason="User Initiated")
    for logical_id in failed:
        _resource_event(stack, logical_id, "CREATE_FAILED", error_text(error))
    stack.status = "ROLLBACK_IN_PROGRESS"
    if failed:
        stack.status_reason = (
            f"The following resource(s) failed to create: [{', '.join(failed)}]. Rollback requested by user."
        )
    else:  # a stack-level failure, e.g. an export name another stack already uses
        message = error_text(error).split(": ", 1)[-1]
        stack.status_reason = f"{message}. Rollback requested by user."
    stack._add_stack_event("ROLLBACK_IN_PROGRESS", resource_status_reason=stack.status_reason)
    for export_name, export in list(backend.exports.items()):
        if export.exporting_stack_id == stack.stack_id:
            backend.exports.pop(export_name)
    try:
        stack.resource_map.delete()
    except Exception as rollback_error:  # noqa: BLE001 - reported as ROLLBACK_FAILED
        _log_failure(f"rollback of stack {stack.name} failed", rollback_error)
        stack.status = "ROLLBACK_FAILED"
        stack._add_stack_event("ROLLBACK_FAILED", resource_status_reason=error_text(rollback_error))
        return
    stack.status = "ROLLBACK_COMPLETE"
    stack._add_stack_event("ROLLBACK_COMPLETE")


def install_update_errors_as_cfn_errors() -> None:
    original_update_stack = CloudFormationBackend.update_stack

    def update_stack(self: CloudFormationBackend, name: str, *args: Any, **kwargs: Any) -> Any:
        try:
            return original_update_stack(self, name, *args, **kwargs)
        except CloudFormationError:
            raise
        except Exception as error:
            # Another service's error (EKS answers in JSON) inside a CloudFormation (XML) response is
            # unreadable to the SDK ("XML parse error"); AWS would report it as UPDATE_FAILED instead.
            _log_failure(f"update of stack {name} failed", error)
            raise ValidationError(message=error_text(error)) from error

    CloudFormationBackend.update_stack = update_stack
