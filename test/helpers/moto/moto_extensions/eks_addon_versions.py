"""EKS's DescribeAddonVersions, which moto 5.2 lacks (404); see README.md, row `eks-addon-versions`.

`upgrade cluster` asks EKS which version of each add-on goes with the new Kubernetes version (the
default one, or whether the file's pinned version supports it). The answer here comes from a small
made-up table in EKS's shape — version strings like EKS's, not EKS's real catalogue: kube-proxy has
one build per Kubernetes minor version (as on EKS, where kube-proxy follows the control plane),
coredns changes line at 1.33, the others have one version for every Kubernetes version.
"""

from __future__ import annotations

from typing import Any

from moto.core.responses import ActionResult

KUBERNETES_VERSIONS = ("1.29", "1.30", "1.31", "1.32", "1.33", "1.34", "1.35")


def _coredns(k8s: str) -> str:
    return "v1.11.4-eksbuild.14" if k8s < "1.33" else "v1.12.2-eksbuild.4"


# add-on -> Kubernetes version -> versions (default first)
def _table() -> dict[str, dict[str, list[str]]]:
    table: dict[str, dict[str, list[str]]] = {}
    for k8s in KUBERNETES_VERSIONS:
        per = {
            "kube-proxy": [f"v{k8s}.0-eksbuild.2"],
            "coredns": [_coredns(k8s)],
            "vpc-cni": ["v1.20.4-eksbuild.1", "v1.19.6-eksbuild.7"],
            "metrics-server": ["v0.8.0-eksbuild.2"],
            "eks-pod-identity-agent": ["v1.3.8-eksbuild.2"],
            "aws-ebs-csi-driver": ["v1.48.0-eksbuild.2"],
            "aws-efs-csi-driver": ["v2.1.11-eksbuild.1"],
            "amazon-cloudwatch-observability": ["v4.4.0-eksbuild.1"],
        }
        for name, versions in per.items():
            table.setdefault(name, {})[k8s] = versions
    return table


TABLE = _table()


def describe_addon_versions(self: Any) -> ActionResult:
    name = self._get_param("addonName")
    k8s = self._get_param("kubernetesVersion")
    addons = []
    for addon_name, by_version in sorted(TABLE.items()):
        if name is not None and addon_name != name:
            continue
        versions: dict[str, list[dict[str, Any]]] = {}
        for cluster_version, listed in by_version.items():
            if k8s is not None and cluster_version != k8s:
                continue
            for i, version in enumerate(listed):
                versions.setdefault(version, []).append(
                    {"clusterVersion": cluster_version, "platformVersions": ["*"], "defaultVersion": i == 0}
                )
        if not versions:
            continue
        addons.append(
            {
                "addonName": addon_name,
                "type": "networking" if addon_name in ("kube-proxy", "coredns", "vpc-cni") else "other",
                "owner": "aws",
                "publisher": "eks",
                "addonVersions": [
                    {
                        "addonVersion": version,
                        "architecture": ["amd64", "arm64"],
                        "compatibilities": compatibilities,
                        "requiresConfiguration": False,
                    }
                    for version, compatibilities in versions.items()
                ],
            }
        )
    return ActionResult({"addons": addons})


def install_addon_versions() -> None:
    from moto.eks import urls
    from moto.eks.responses import EKSResponse

    urls.url_paths.update({"{0}/addons/supported-versions$": urls.response.dispatch})
    EKSResponse.describe_addon_versions = describe_addon_versions
