"""A launched instance's volume takes what the image's block device mapping gives it, as in EC2.

EC2 merges a launch template's (or RunInstances') block device mappings with the image's: a mapping for
a device the image has, with no VolumeSize and no SnapshotId, gets the image's snapshot and that
snapshot's size. private-eks relies on it for Bottlerocket's OS volume (/dev/xvda: encrypted, gp3, size
left to the image, as eksctl does). moto ignores the image: it creates the volume from the template's
fields alone and fails with "MissingParameter … size/snapshot", so a self-managed Bottlerocket
nodegroup's auto scaling group could not launch. moto's images all have a root mapping with a
snapshot (what ssm_bottlerocket_amis points at is /dev/xvda on the region's Amazon Linux 2023 image).
"""

from __future__ import annotations

from typing import Any

from moto.ec2.models.instances import Instance


def _image_mapping(instance: Instance, device_path: str) -> dict[str, Any] | None:
    images = instance.ec2_backend.describe_images(filters={"image-id": instance.image_id})
    for image in images:
        for mapping in image.block_device_mappings:
            if mapping.get("DeviceName") == device_path:
                return dict(mapping.get("Ebs") or {})
    return None


def install() -> None:
    original = Instance.add_block_device

    def add_block_device(
        self: Instance,
        size: int,
        device_path: str,
        snapshot_id: str | None,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        if size is None and not snapshot_id:
            # A device the image does not have keeps moto's error (EC2 refuses it too).
            image_ebs = _image_mapping(self, device_path)
            if image_ebs is not None:
                snapshot_id = image_ebs.get("SnapshotId")
                size = image_ebs.get("VolumeSize")
        original(self, size, device_path, snapshot_id, *args, **kwargs)

    Instance.add_block_device = add_block_device
