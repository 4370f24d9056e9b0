"""AssociateAccessPolicy, DisassociateAccessPolicy and ListAssociatedAccessPolicies (README row
`eks-access-policy-association`).

moto 5.2 has no access-entry API at all (404). `delete cluster` grants the in-VPC runner's access entry
AmazonEKSClusterAdminPolicy at cluster scope just for the drain and takes it back afterwards, so these three
calls act on the access entries that AWS::EKS::AccessEntry keeps on moto's cluster object
(eks_access_addons.py): the association shows up in `accessPolicies` at GET /private-eks-test/access-entries.
EKS's checks that matter here: the cluster and the entry exist, the policy ARN is an EKS access policy, a
namespace scope names namespaces; associating a policy already associated replaces its scope; disassociating
one not associated is ResourceNotFoundException.
"""

from __future__ import annotations

from typing import Any

from moto.core.responses import ActionResult
from moto.core.utils import utcnow
from moto.eks.exceptions import InvalidParameterException, ResourceNotFoundException
from moto.eks.models import eks_backends

from .eks_access_addons import ACCESS_ENTRIES, _store

ACCESS_POLICY_ARN = ":eks::aws:cluster-access-policy/"


def _not_found(message: str) -> ResourceNotFoundException:
    return ResourceNotFoundException(
        clusterName=None, nodegroupName=None, fargateProfileName=None, addonName=None, message=message
    )


def _entry(self: Any) -> tuple[str, dict[str, Any]]:
    name = self._get_param("name")
    cluster = eks_backends[self.current_account][self.region].clusters.get(name)
    if cluster is None:
        raise _not_found(f"No cluster found for name: {name}.")
    principal_arn = self._get_param("principalArn")
    entry = _store(cluster, ACCESS_ENTRIES).get(principal_arn)
    if entry is None:
        raise _not_found(
            "The specified principalArn could not be found. "
            "You can view your available access entries with 'list-access-entries'."
        )
    return name, entry


def associate_access_policy(self: Any) -> ActionResult:
    name, entry = _entry(self)
    policy_arn = self._get_param("policyArn") or ""
    if ACCESS_POLICY_ARN not in policy_arn:
        raise InvalidParameterException(message=f"The policyArn {policy_arn} is not a valid EKS access policy")
    scope = self._get_param("accessScope") or {}
    scope_type = scope.get("type")
    namespaces = list(scope.get("namespaces") or [])
    if scope_type not in ("cluster", "namespace") or (scope_type == "namespace") != bool(namespaces):
        raise InvalidParameterException(
            message="accessScope must be of type cluster without namespaces, or namespace with namespaces"
        )
    association = {"policyArn": policy_arn, "accessScope": {"type": scope_type, "namespaces": namespaces}}
    entry["accessPolicies"] = [p for p in entry["accessPolicies"] if p["policyArn"] != policy_arn] + [association]
    now = utcnow()
    return ActionResult(
        {
            "clusterName": name,
            "principalArn": entry["principalArn"],
            "associatedAccessPolicy": {**association, "associatedAt": now, "modifiedAt": now},
        }
    )


def disassociate_access_policy(self: Any) -> ActionResult:
    _, entry = _entry(self)
    policy_arn = self._get_param("policyArn")
    kept = [p for p in entry["accessPolicies"] if p["policyArn"] != policy_arn]
    if len(kept) == len(entry["accessPolicies"]):
        raise _not_found(f"The access policy {policy_arn} is not associated with this access entry")
    entry["accessPolicies"] = kept
    return ActionResult({})


def list_associated_access_policies(self: Any) -> ActionResult:
    name, entry = _entry(self)
    now = utcnow()
    return ActionResult(
        {
            "clusterName": name,
            "principalArn": entry["principalArn"],
            "associatedAccessPolicies": [{**p, "associatedAt": now, "modifiedAt": now} for p in entry["accessPolicies"]],
        }
    )


def install() -> None:
    from moto.eks import urls
    from moto.eks.responses import EKSResponse

    dispatch = urls.response.dispatch
    # The principal ARN is one path segment, URL-encoded (its "/" as %2F); moto's router matches the operation
    # from the service model, these patterns only have to let the request reach the EKS backend.
    urls.url_paths.update(
        {
            "{0}/clusters/(?P<name>[^/]+)/access-entries/(?P<principalArn>.+)/access-policies$": dispatch,
            "{0}/clusters/(?P<name>[^/]+)/access-entries/(?P<principalArn>.+)/access-policies/(?P<policyArn>.+)$": dispatch,
        }
    )
    EKSResponse.associate_access_policy = associate_access_policy
    EKSResponse.disassociate_access_policy = disassociate_access_policy
    EKSResponse.list_associated_access_policies = list_associated_access_policies
