"""People in a review: agencies' involvement, family members, the child, practitioners."""
