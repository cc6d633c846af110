"""The citizen portal and the officer workspace: server-rendered pages over the workflows
services (catalogue, apply, track, my dossiers, accounts, workspace)."""
