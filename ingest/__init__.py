"""Turn sources (files, folders, URLs) into Captured values; never writes anything."""
