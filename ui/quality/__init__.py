"""The Quality markers page: a running self-assessment with evidence, by stage."""
