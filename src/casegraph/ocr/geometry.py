"""Rotations applied to a page image before OCR, and how to map word boxes back through them."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PIL import Image

Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class Rotation:
    """A counter-clockwise rotation about the image centre, with the canvas expanded to fit."""

    degrees: float
    before: tuple[int, int]
    after: tuple[int, int]

    def undo_point(self, x: float, y: float) -> tuple[float, float]:
        """Where a point of the rotated image lies in the image before rotation."""
        theta = math.radians(self.degrees)
        dx, dy = x - self.after[0] / 2, y - self.after[1] / 2
        # inverse of a counter-clockwise turn in y-down coordinates
        ox = dx * math.cos(theta) - dy * math.sin(theta)
        oy = dx * math.sin(theta) + dy * math.cos(theta)
        return ox + self.before[0] / 2, oy + self.before[1] / 2


def rotate(image: Image.Image, degrees: float) -> tuple[Image.Image, Rotation]:
    """Rotate an image counter-clockwise; returns the new image and the rotation to undo it."""
    turned = image.rotate(degrees, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC)
    return turned, Rotation(degrees, image.size, turned.size)


def undo_box(box: Box, rotations: list[Rotation]) -> Box:
    """A box in the final image, as the smallest upright box around it in the original image."""
    x0, y0, x1, y1 = box
    corners: list[tuple[float, float]] = [(x0, y0), (x1, y0), (x0, y1), (x1, y1)]
    for rotation in reversed(rotations):
        corners = [rotation.undo_point(x, y) for x, y in corners]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    return (round(min(xs)), round(min(ys)), round(max(xs)), round(max(ys)))
