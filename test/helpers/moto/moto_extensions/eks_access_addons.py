"""CloudFormation models for AWS::EKS::AccessEntry, ::Addon and ::PodIdentityAssociation.

moto 5.2 has no access-entry, add-on or Pod Identity API at all (CreateAccessEntry, CreateAddon,
ListAddons, CreatePodIdentityAssociation… are 404),
so these keep what the stack created in a small store hung on moto's own Cluster object: it lives and
dies with the cluster and is wiped by /moto-api/reset like every other moto state. Tests read it through
GET /private-eks-test/access-entries, /addons and /pod-identity-associations (see launcher.py), never through a
fake EKS API: the EKS calls themselves stay unimplemented, as TESTBED §2.3 says, and are covered by
client-mock unit tests.
"""

from __future__ import annotations

import json
from typing import Any

import yaml
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel
from moto.core.utils import utcnow
from moto.eks.exceptions import InvalidParameterException, InvalidRequestException, ResourceInUseException
from moto.eks.models import eks_backends
from moto.moto_api._internal import mock_random as random
from moto.utilities.utils import get_partition

from .common import NotUpdatedInPlace, cfn_tags, find_role, stack_tags

ACCESS_ENTRIES = "_private_eks_access_entries"
ADDONS = "_private_eks_addons"
POD_IDENTITY_ASSOCIATIONS = "_private_eks_pod_identity_associations"


def _store(cluster: Any, name: str) -> dict[str, dict[str, Any]]:
    store = getattr(cluster, name, None)
    if store is None:
        store = {}
        setattr(cluster, name, store)
    return store


def _iso(value: Any) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


class EksAccessEntry(NotUpdatedInPlace, CloudFormationModel):
    def __init__(self, cluster_name: str, entry: dict[str, Any]):
        self.cluster_name = cluster_name
        self.entry = entry

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::EKS::AccessEntry"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr == "AccessEntryArn"

    @property
    def physical_resource_id(self) -> str:
        # The registry schema's primary identifier is [PrincipalArn, ClusterName], joined with "|".
        return f"{self.entry['principalArn']}|{self.cluster_name}"

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "AccessEntryArn":
            return self.entry["accessEntryArn"]
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> "EksAccessEntry":
        props = cloudformation_json["Properties"]
        cluster_name = props.get("ClusterName", "")
        principal_arn = props.get("PrincipalArn", "")
        cluster = eks_backends[account_id][region_name].describe_cluster(cluster_name)
        mode = (getattr(cluster, "access_config", None) or {}).get("authenticationMode", "CONFIG_MAP")
        if mode not in ("API", "API_AND_CONFIG_MAP"):
            raise InvalidRequestException(
                message="The cluster's authentication mode must be set to one of [API, API_AND_CONFIG_MAP] "
                "to perform this operation."
            )
        store = _store(cluster, ACCESS_ENTRIES)
        if principal_arn in store:
            raise ResourceInUseException(
                message="The specified access entry resource is already in use on this cluster."
            )
        parts = principal_arn.split(":")
        kind_and_name = parts[5] if len(parts) > 5 else ""
        kind, _, name = kind_and_name.partition("/")
        if kind not in ("role", "user") or not name:
            raise InvalidParameterException(message=f"The specified principalArn is invalid: {principal_arn}")
        if kind == "role" and parts[4] == account_id and find_role(account_id, region_name, principal_arn) is None:
            raise InvalidParameterException(
                message=f"The specified principalArn is invalid: invalid principal {principal_arn}"
            )
        entry_type = props.get("Type", "STANDARD")
        if entry_type != "STANDARD" and (props.get("KubernetesGroups") or props.get("Username")):
            raise InvalidParameterException(
                message=f"kubernetesGroups and username cannot be specified for an access entry of type {entry_type}"
            )
        partition = get_partition(region_name)
        entry = {
            "clusterName": cluster_name,
            "principalArn": principal_arn,
            "type": entry_type,
            "username": props.get("Username"),
            "kubernetesGroups": list(props.get("KubernetesGroups") or []),
            "accessPolicies": [
                {
                    "policyArn": p.get("PolicyArn"),
                    "accessScope": {
                        "type": (p.get("AccessScope") or {}).get("Type"),
                        "namespaces": list((p.get("AccessScope") or {}).get("Namespaces") or []),
                    },
                }
                for p in props.get("AccessPolicies") or []
            ],
            "accessEntryArn": f"arn:{partition}:eks:{region_name}:{account_id}:access-entry/{cluster_name}/"
            f"{kind}/{parts[4]}/{name.split('/')[-1]}/{random.uuid4()}",
            "tags": {**stack_tags(account_id, region_name, kwargs), **cfn_tags(props.get("Tags"))},
            "createdAt": _iso(utcnow()),
            "region": region_name,
            "accountId": account_id,
        }
        store[principal_arn] = entry
        return cls(cluster_name, entry)

    def delete(self, account_id: str, region_name: str) -> None:
        cluster = eks_backends[account_id][region_name].clusters.get(self.cluster_name)
        if cluster is not None:
            _store(cluster, ACCESS_ENTRIES).pop(self.entry["principalArn"], None)


class EksAddon(NotUpdatedInPlace, CloudFormationModel):
    def __init__(self, cluster_name: str, addon: dict[str, Any]):
        self.cluster_name = cluster_name
        self.addon = addon

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::EKS::Addon"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr == "Arn"

    @property
    def physical_resource_id(self) -> str:
        # The registry schema's primary identifier is [ClusterName, AddonName], joined with "|".
        return f"{self.cluster_name}|{self.addon['addonName']}"

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        if attribute_name == "Arn":
            return self.addon["addonArn"]
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> "EksAddon":
        props = cloudformation_json["Properties"]
        cluster_name = props.get("ClusterName", "")
        addon_name = props.get("AddonName", "")
        cluster = eks_backends[account_id][region_name].describe_cluster(cluster_name)
        store = _store(cluster, ADDONS)
        if addon_name in store:
            raise ResourceInUseException(message=f"Addon already exists with name: {addon_name}")
        configuration = props.get("ConfigurationValues")
        if configuration:
            # EKS takes JSON or YAML text here; anything else is rejected before the schema check.
            try:
                yaml.safe_load(configuration) if isinstance(configuration, str) else json.dumps(configuration)
            except yaml.YAMLError as error:
                raise InvalidParameterException(
                    message=f"ConfigurationValue provided in request is not supported: {error}"
                ) from None
        partition = get_partition(region_name)
        addon = {
            "addonName": addon_name,
            "clusterName": cluster_name,
            "addonVersion": props.get("AddonVersion"),
            "serviceAccountRoleArn": props.get("ServiceAccountRoleArn"),
            "configurationValues": configuration,
            "resolveConflicts": props.get("ResolveConflicts"),
            "preserveOnDelete": props.get("PreserveOnDelete"),
            "podIdentityAssociations": [
                {"serviceAccount": p.get("ServiceAccount"), "roleArn": p.get("RoleArn")}
                for p in props.get("PodIdentityAssociations") or []
            ],
            "addonArn": f"arn:{partition}:eks:{region_name}:{account_id}:addon/{cluster_name}/{addon_name}/"
            f"{random.uuid4()}",
            "status": "ACTIVE",
            "tags": {**stack_tags(account_id, region_name, kwargs), **cfn_tags(props.get("Tags"))},
            "createdAt": _iso(utcnow()),
            "region": region_name,
            "accountId": account_id,
        }
        store[addon_name] = addon
        return cls(cluster_name, addon)

    def delete(self, account_id: str, region_name: str) -> None:
        cluster = eks_backends[account_id][region_name].clusters.get(self.cluster_name)
        if cluster is not None:
            _store(cluster, ADDONS).pop(self.addon["addonName"], None)


class EksPodIdentityAssociation(NotUpdatedInPlace, CloudFormationModel):
    def __init__(self, cluster_name: str, association: dict[str, Any]):
        self.cluster_name = cluster_name
        self.association = association

    @staticmethod
    def cloudformation_name_type() -> str:
        return ""

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::EKS::PodIdentityAssociation"

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ("AssociationArn", "AssociationId", "ExternalId")

    @property
    def physical_resource_id(self) -> str:
        return self.association["associationArn"]  # the registry schema's primary identifier

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        key = {"AssociationArn": "associationArn", "AssociationId": "associationId", "ExternalId": "externalId"}
        if attribute_name in key:
            return self.association[key[attribute_name]]
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> "EksPodIdentityAssociation":
        props = cloudformation_json["Properties"]
        cluster_name = props.get("ClusterName", "")
        namespace, service_account = props.get("Namespace", ""), props.get("ServiceAccount", "")
        role_arn = props.get("RoleArn", "")
        cluster = eks_backends[account_id][region_name].describe_cluster(cluster_name)
        store = _store(cluster, POD_IDENTITY_ASSOCIATIONS)
        if any(a["namespace"] == namespace and a["serviceAccount"] == service_account for a in store.values()):
            raise ResourceInUseException(
                message=f"Association already exists for service account {service_account} in namespace {namespace}"
            )
        parts = role_arn.split(":")
        if len(parts) < 6 or (parts[4] == account_id and find_role(account_id, region_name, role_arn) is None):
            raise InvalidParameterException(message=f"Role {role_arn} does not exist")
        association_id = "a-" + random.get_random_string(length=17, lower_case=True)
        partition = get_partition(region_name)
        association = {
            "clusterName": cluster_name,
            "namespace": namespace,
            "serviceAccount": service_account,
            "roleArn": role_arn,
            "targetRoleArn": props.get("TargetRoleArn"),
            "disableSessionTags": props.get("DisableSessionTags"),
            "associationId": association_id,
            "associationArn": f"arn:{partition}:eks:{region_name}:{account_id}:podidentityassociation/"
            f"{cluster_name}/{association_id}",
            "externalId": str(random.uuid4()),
            "tags": {**stack_tags(account_id, region_name, kwargs), **cfn_tags(props.get("Tags"))},
            "createdAt": _iso(utcnow()),
            "region": region_name,
            "accountId": account_id,
        }
        store[association_id] = association
        return cls(cluster_name, association)

    def delete(self, account_id: str, region_name: str) -> None:
        cluster = eks_backends[account_id][region_name].clusters.get(self.cluster_name)
        if cluster is not None:
            _store(cluster, POD_IDENTITY_ASSOCIATIONS).pop(self.association["associationId"], None)


MODELS = {
    "eks-access-entry": EksAccessEntry,
    "eks-addon": EksAddon,
    "eks-pod-identity-association": EksPodIdentityAssociation,
}


def list_store(name: str) -> list[dict[str, Any]]:
    """Everything in one store, across accounts and regions, for the read-only test route."""
    items: list[dict[str, Any]] = []
    for account_backends in list(eks_backends.values()):
        for backend in list(account_backends.values()):
            for cluster in list(backend.clusters.values()):
                items.extend(dict(item) for item in _store(cluster, name).values())
    return items
