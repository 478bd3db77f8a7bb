"""Interview sessions, submissions, feedback and scorecards (see the interview-room issue)."""
