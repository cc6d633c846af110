"""Deadline policies on top of the working-day clock (docs/deadlines.md): warnings before a
step's budget or a dossier's deadline runs out and escalation after (``alerts``, run every
minute by the periodic job ``workflows.deadline_alerts``), the working time counted back
from a due moment (``arithmetic``), and who is responsible (``officers``).

The apology (Form 04) and the stop (Form 05) are services: ``workflows.services.apology``,
``workflows.services.stop``."""
