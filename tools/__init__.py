"""Developer tools of the checkout (not installed by pip)."""
