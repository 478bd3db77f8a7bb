"""Model runtime and the AI interviewer facade (`api.py`). No Django imports."""
