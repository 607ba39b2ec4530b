"""Developer tools of this repository (not shipped in any distribution)."""
