"""Excel import and export views."""
