"""IAM in CloudFormation: AWS::IAM::OIDCProvider (moto skips it) and AWS::IAM::Role ManagedPolicyArns
(moto creates the role but silently attaches nothing, TESTBED §3.2)."""

from __future__ import annotations

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.iam.exceptions import NotFoundException, ValidationError
from moto.iam.models import Role, iam_backends
from moto.utilities.utils import get_partition

from .common import NotUpdatedInPlace, cfn_tags, log, stack_tags

CFN_MANAGED_POLICIES = "_private_eks_cfn_managed_policy_arns"


class IamOidcProvider(NotUpdatedInPlace, CloudFormationModel):
    def __init__(self, arn: str):
        self.arn = arn

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::IAM::OIDCProvider"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr == "Arn"

    @property
    def physical_resource_id(self) -> str:
        return self.arn

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Arn":
            return self.arn
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> "IamOidcProvider":
        props = cloudformation_json["Properties"]
        url = props.get("Url")
        if not url:
            raise ValidationError("Url is required to create an OpenID Connect provider")
        # IAM tags propagate from the stack as for any taggable resource; moto's IAM wants [{Key, Value}].
        tags = {**stack_tags(account_id, region_name, kwargs), **cfn_tags(props.get("Tags"))}
        provider = iam_backends[account_id][get_partition(region_name)].create_open_id_connect_provider(
            url=url,
            thumbprint_list=list(props.get("ThumbprintList") or []),
            client_id_list=list(props.get("ClientIdList") or []),
            tags=[{"Key": k, "Value": v} for k, v in tags.items()],
        )
        return cls(provider.arn)

    def delete(self, account_id: str, region_name: str) -> None:
        iam_backends[account_id][get_partition(region_name)].delete_open_id_connect_provider(self.arn)


def install_role_managed_policies() -> None:
    original_create = Role.create_from_cloudformation_json
    original_delete = Role.delete_from_cloudformation_json

    def create(cls: Any, name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any) -> Any:
        role = original_create(name, cloudformation_json, account_id, region_name, **kwargs)
        backend = iam_backends[account_id][get_partition(region_name)]
        attached: list[str] = []
        try:
            for arn in cloudformation_json["Properties"].get("ManagedPolicyArns") or []:
                backend.attach_role_policy(arn, role.name)  # NoSuchEntity for an unknown policy, as IAM
                attached.append(arn)
        except Exception:
            # The role never reaches the stack's resource map, so nothing would delete it: undo here.
            for arn in attached:
                backend.detach_role_policy(arn, role.name)
            original_delete(role.name, cloudformation_json, account_id, region_name)
            raise
        setattr(role, CFN_MANAGED_POLICIES, attached)
        return role

    def delete(cls: Any, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str) -> None:
        backend = iam_backends[account_id][get_partition(region_name)]
        try:
            role = backend.get_role(resource_name)
        except NotFoundException:
            role = None
        # Only what the stack attached: a policy attached by someone else makes the delete fail with
        # DeleteConflict, as it does on AWS.
        for arn in getattr(role, CFN_MANAGED_POLICIES, []) if role is not None else []:
            if arn in role.managed_policies:
                backend.detach_role_policy(arn, role.name)
        if role is None:
            log.info("role %s was already gone when its stack was deleted", resource_name)
            return
        original_delete(resource_name, cloudformation_json, account_id, region_name)

    Role.create_from_cloudformation_json = classmethod(create)
    Role.delete_from_cloudformation_json = classmethod(delete)


MODELS = {"iam-oidc-provider": IamOidcProvider}
