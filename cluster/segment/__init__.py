"""Articles -> paragraphs and sentence windows; page furniture and "read also" blocks told apart from body."""
