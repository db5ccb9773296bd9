"""Turn sources (files, folders, URLs) into NewCapture values; never writes anything."""
