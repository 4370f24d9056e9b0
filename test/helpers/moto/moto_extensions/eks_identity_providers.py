"""CloudFormation model for AWS::EKS::IdentityProviderConfig (OIDC).

moto 5.2 has no identity-provider API (AssociateIdentityProviderConfig, DescribeIdentityProviderConfig,
ListIdentityProviderConfigs are 404) and skips the type in templates. As for access entries
(eks_access_addons.py), what a stack associates is kept in a store hung on moto's own Cluster object: it
lives and dies with the cluster and /moto-api/reset. Tests read it at GET
/private-eks-test/identity-provider-configs; the EKS calls themselves stay unimplemented.

Checks EKS makes: the cluster exists; one OIDC provider per cluster (EKS: "Cluster already has an identity
provider configuration" style InvalidRequestException); the issuer URL is https; the name is unique.
"""

from __future__ import annotations

from typing import Any

from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.eks.exceptions import InvalidParameterException, InvalidRequestException, ResourceInUseException
from moto.eks.models import eks_backends
from moto.moto_api._internal import mock_random as random
from moto.utilities.utils import get_partition

from .common import NotUpdatedInPlace, cfn_tags, stack_tags

IDENTITY_PROVIDER_CONFIGS = "_private_eks_identity_provider_configs"


def _store(cluster: Any) -> dict[str, dict[str, Any]]:
    store = getattr(cluster, IDENTITY_PROVIDER_CONFIGS, None)
    if store is None:
        store = {}
        setattr(cluster, IDENTITY_PROVIDER_CONFIGS, store)
    return store


class EksIdentityProviderConfig(NotUpdatedInPlace, CloudFormationModel):
    def __init__(self, cluster_name: str, config: dict[str, Any]):
        self.cluster_name = cluster_name
        self.config = config

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::EKS::IdentityProviderConfig"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr == "IdentityProviderConfigArn"

    @property
    def physical_resource_id(self) -> str:
        # The registry schema's primary identifier: [IdentityProviderConfigName, ClusterName, Type], "|"-joined.
        return f"{self.config['identityProviderConfigName']}|{self.cluster_name}|oidc"

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "IdentityProviderConfigArn":
            return self.config["identityProviderConfigArn"]
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> "EksIdentityProviderConfig":
        props = cloudformation_json["Properties"]
        cluster_name = props.get("ClusterName", "")
        name = props.get("IdentityProviderConfigName", "")
        cluster = eks_backends[account_id][region_name].describe_cluster(cluster_name)
        if props.get("Type") != "oidc":
            raise InvalidParameterException(message=f"Unsupported identity provider type: {props.get('Type')}")
        oidc = props.get("Oidc") or {}
        issuer = oidc.get("IssuerUrl", "")
        if not str(issuer).startswith("https://"):
            raise InvalidParameterException(message=f"The issuer URL must use the https scheme: {issuer}")
        if not oidc.get("ClientId"):
            raise InvalidParameterException(message="clientId is required")
        store = _store(cluster)
        if name in store:
            raise ResourceInUseException(message=f"Identity provider config {name} already exists")
        if store:
            raise InvalidRequestException(
                message="Only one identity provider configuration of type oidc is allowed per cluster"
            )
        partition = get_partition(region_name)
        config = {
            "identityProviderConfigName": name,
            "clusterName": cluster_name,
            "type": "oidc",
            "issuerUrl": issuer,
            "clientId": oidc.get("ClientId"),
            "usernameClaim": oidc.get("UsernameClaim"),
            "usernamePrefix": oidc.get("UsernamePrefix"),
            "groupsClaim": oidc.get("GroupsClaim"),
            "groupsPrefix": oidc.get("GroupsPrefix"),
            "requiredClaims": {c.get("Key"): c.get("Value") for c in oidc.get("RequiredClaims") or []},
            "identityProviderConfigArn": f"arn:{partition}:eks:{region_name}:{account_id}:identityproviderconfig/"
            f"{cluster_name}/oidc/{name}/{random.uuid4()}",
            "status": "ACTIVE",
            "tags": {**stack_tags(account_id, region_name, kwargs), **cfn_tags(props.get("Tags"))},
            "region": region_name,
            "accountId": account_id,
        }
        store[name] = config
        return cls(cluster_name, config)

    def delete(self, account_id: str, region_name: str) -> None:
        cluster = eks_backends[account_id][region_name].clusters.get(self.cluster_name)
        if cluster is not None:
            _store(cluster).pop(self.config["identityProviderConfigName"], None)


def list_store() -> list[dict[str, Any]]:
    """Every identity provider config of every cluster, for GET /private-eks-test/identity-provider-configs."""
    out: list[dict[str, Any]] = []
    for account in list(eks_backends.values()):
        for backend in list(account.values()):
            for cluster in list(backend.clusters.values()):
                out.extend(dict(item) for item in _store(cluster).values())
    return out


MODELS = {"eks-identity-provider-config": EksIdentityProviderConfig}
