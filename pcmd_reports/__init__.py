"""pcmd_reports: forms, intake and consolidation for the Hanoi prostitution-prevention plan reports."""

__version__ = "0.1.0"

# Bumped whenever the layout of the generated forms changes; recorded in each form's
# `_meta` sheet so intake knows which layout it reads.
TEMPLATE_VERSION = "2024.2"
