"""The Timetable page: milestones with due dates, warnings, and the delay log."""
