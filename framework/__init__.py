"""The Facing all the Facts method as code: types, YAML loading and validation, the actor graph."""

from framework.assessment import Assessment, Evidence, Line, Situation, StrandScore
from framework.loader import (
    ASSESSMENTS_DIR,
    ROOT,
    assessment_from_text,
    check_assessment,
    bundled_assessments,
    load_assessment,
    load_model,
    parse_line,
    parse_report_texts,
)
from framework.model import Actor, Cluster, Framework, Model, Relationship, Standard
from framework.problems import Problem, ValidationFailed
from framework.profile import Profile
from framework.profiles import Method, load_method

__all__ = [
    "ASSESSMENTS_DIR", "ROOT", "Actor", "Assessment", "Cluster", "Evidence", "Framework", "Line",
    "Method", "Model", "Problem", "Profile", "load_method", "Relationship", "Situation", "Standard", "StrandScore", "ValidationFailed",
    "assessment_from_text", "bundled_assessments", "check_assessment", "load_assessment", "load_model",
    "parse_line",
    "parse_report_texts",
]
