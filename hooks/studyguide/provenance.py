"""Where a corrected fact comes from and when: AWS source URLs and ``YYYY-MM`` months.

Shared by corrections (``<page>.corrections.yml``), service status (front matter) and
the review date, so the three accept and refuse exactly the same values.
"""

from __future__ import annotations

import datetime as _dt
import re
from urllib.parse import urlsplit

MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

# AWS's own documentation, announcements and notices, and AWS's repositories on GitHub.
AWS_HOSTS = ("aws.amazon.com", "docs.aws.amazon.com")
AWS_GITHUB_OWNERS = re.compile(
    r"^/(aws|awsdocs|awslabs|aws-samples|aws-solutions|aws-ia|amazon-archives|aws-cloudformation)/", re.IGNORECASE
)


def month_error(value: object, today: _dt.date | None = None) -> str | None:
    """Why ``value`` is not a ``YYYY-MM`` month between 2006 and today, or None when it is.

    YAML reads ``2024-05`` as a string, but ``2024-05-01`` as a date: both come here.
    """
    if not isinstance(value, str):
        return f"must be a month written YYYY-MM, like 2024-05 (got {value!r})"
    match = MONTH_PATTERN.match(value.strip())
    if not match:
        return f"must be a month written YYYY-MM, like 2024-05 (got '{value}')"
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        return f"has no month {month:02d}: write YYYY-MM with a month from 01 to 12 (got '{value}')"
    today = today or _dt.date.today()
    if year < 2006 or (year, month) > (today.year, today.month):
        return f"must be a month between 2006-01 (AWS's launch) and this month (got '{value}')"
    return None


def month_label(value: str) -> str:
    """``2024-05`` -> ``May 2024``."""
    year, month = value.split("-")
    return f"{MONTH_NAMES[int(month) - 1]} {year}"


def source_error(value: object) -> str | None:
    """Why ``value`` is not an https URL on AWS's own sites or an AWS GitHub repository, or None."""
    if not isinstance(value, str) or not value.strip():
        return "needs a source: an https URL on aws.amazon.com, docs.aws.amazon.com or an AWS repository on GitHub"
    parts = urlsplit(value.strip())
    if parts.scheme != "https" or not parts.netloc or " " in value.strip():
        return f"must be an https URL (got '{value}')"
    host = parts.hostname or ""
    if host in AWS_HOSTS or host.endswith(".docs.aws.amazon.com"):
        return None
    if host == "github.com" and AWS_GITHUB_OWNERS.match(parts.path):
        return None
    return (
        f"must be on aws.amazon.com, docs.aws.amazon.com or an AWS repository on GitHub (got host '{host}'): "
        "cite AWS's own documentation, What's New post or end-of-support notice"
    )
