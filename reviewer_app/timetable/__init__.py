"""The review's timetable: milestones, due-date rules per review type, working days, delays."""
