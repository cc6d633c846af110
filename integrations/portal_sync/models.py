"""Records this integration owns (attempts, callbacks, state), referring to dossiers by an
opaque reference."""
