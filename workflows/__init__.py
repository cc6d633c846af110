"""The domain: agencies, procedures and their versions, dossiers, the engine."""
