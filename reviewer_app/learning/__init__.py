"""The reviewer's learning: masterclass notes, their Markdown files, and learning across reviews."""
