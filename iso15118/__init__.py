"""iso15118 package."""
