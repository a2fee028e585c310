"""UI panels."""
