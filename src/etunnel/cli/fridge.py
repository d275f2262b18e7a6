"""``etunnel fridge``: placeholder replaced below."""
