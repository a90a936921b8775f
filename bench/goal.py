"""A goal of a reliability run: what was asked, what was measured, whether it was met."""

from dataclasses import dataclass


@dataclass
class Goal:
    name: str
    figure: str
    met: bool
