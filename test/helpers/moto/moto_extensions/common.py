"""Small helpers shared by the launcher's extensions (see README.md)."""

from __future__ import annotations

import json
import logging
from typing import Any

from moto.cloudformation.models import cloudformation_backends
from moto.iam.models import iam_backends
from moto.utilities.utils import get_partition

log = logging.getLogger("private-eks-moto")


def error_text(error: BaseException) -> str:
    """`Code: message` for a moto error (whatever its family), else the Python exception."""
    code = getattr(error, "TYPE", None) or getattr(error, "error_type", None) or getattr(error, "code", None)
    message = getattr(error, "message", None)
    description = getattr(error, "description", None)
    if not message and isinstance(description, str):
        try:
            message = json.loads(description).get("message")
        except (ValueError, AttributeError):
            message = description
    if not code or not isinstance(code, str):
        code = type(error).__name__
    return f"{code}: {message or error}"


def is_moto_client_error(error: BaseException) -> bool:
    """moto's own AWS-shaped errors (a 4xx to the caller), as opposed to a bug in moto or here."""
    families = ("RESTError", "JsonRESTError", "ServiceException", "AWSError")
    return any(cls.__name__ in families for cls in type(error).__mro__)


def cfn_tags(tags: Any) -> dict[str, str]:
    """CloudFormation writes tags as [{Key, Value}] for most types and as a map for a few (EKS Nodegroup)."""
    if isinstance(tags, dict):
        return {str(k): str(v) for k, v in tags.items()}
    return {str(t["Key"]): str(t.get("Value", "")) for t in tags or []}


def stack_tags(account_id: str, region_name: str, kwargs: dict[str, Any]) -> dict[str, str]:
    """The tags CloudFormation propagates to every taggable resource: the stack's own tags and the three
    aws:cloudformation:* tags (moto applies them to EC2 resources only)."""
    stack_id = kwargs.get("StackId")
    stack = cloudformation_backends[account_id][region_name].stacks.get(stack_id) if stack_id else None
    if stack is None:
        return {}
    return {
        **{str(k): str(v) for k, v in (stack.tags or {}).items()},
        "aws:cloudformation:stack-name": stack.name,
        "aws:cloudformation:stack-id": stack.stack_id,
        "aws:cloudformation:logical-id": str(kwargs.get("LogicalId", "")),
    }


def cfn_bool(value: Any, default: bool) -> bool:
    """Template booleans arrive as JSON booleans or as the strings "true"/"false"."""
    if value is None:
        return default
    if isinstance(value, str):
        return value.strip().lower() == "true"
    return bool(value)


def find_role(account_id: str, region_name: str, role_arn: str) -> Any | None:
    iam = iam_backends[account_id][get_partition(region_name)]
    return next((role for role in iam.roles.values() if role.arn == role_arn), None)


def role_is_assumable_by(account_id: str, region_name: str, role_arn: str, service: str) -> bool:
    """What EKS checks before it uses a role: it exists and its trust policy names the service. Roles of other
    accounts cannot be seen from here and pass."""
    parts = role_arn.split(":")
    if len(parts) < 6 or parts[4] != account_id:
        return True
    role = find_role(account_id, region_name, role_arn)
    return role is not None and service in (role.assume_role_policy_document or "")


class NotUpdatedInPlace:
    """For the launcher's CloudFormation models: a stack update that changes one of them fails with a clear
    ValidationError. Without an update method moto would put None in the stack's resource map and corrupt
    the stack (TESTBED §2.1, UpdateStack)."""

    @classmethod
    def update_from_cloudformation_json(
        cls, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
    ) -> Any:
        from moto.cloudformation.exceptions import ValidationError

        kind = cloudformation_json.get("Type", cls.__name__)
        raise ValidationError(message=f"the AWS emulator cannot update {kind} in place (private-eks moto launcher)")
