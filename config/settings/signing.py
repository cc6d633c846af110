"""Signing: signer backends per agency, the timestamp authority, trust roots, the development CA.

Every value from the environment, listed in deploy/env.example."""

from .base import DEBUG
from .env import VAR_DIR, env_bool, env_int, env_list, env_str

# Where `manage.py signing_dev_setup` keeps the development CA, TSA and signers' files.
MOTCUA_SIGNING_DIR = env_str("MOTCUA_SIGNING_DIR") or str(VAR_DIR / "signing")
# The development CA is trusted and its TSA stamps signatures (never with DEBUG off: motcua.E160).
MOTCUA_SIGNING_DEV = env_bool("MOTCUA_SIGNING_DEV", DEBUG)
# PEM files of the roots signatures must chain to (the national root CA of specialised
# digital signatures, a public CA's root).
MOTCUA_SIGNING_TRUST_ROOTS = env_list("MOTCUA_SIGNING_TRUST_ROOTS")
# RFC 3161 timestamp authority; signatures are PAdES B-T with it.
MOTCUA_SIGNING_TSA_URL = env_str("MOTCUA_SIGNING_TSA_URL")
MOTCUA_SIGNING_TSA_TIMEOUT = env_int("MOTCUA_SIGNING_TSA_TIMEOUT", 10)
# B-LT: fetch revocation data (CRL/OCSP) at signing and embed it with the chain.
MOTCUA_SIGNING_LT = env_bool("MOTCUA_SIGNING_LT", not DEBUG)
# Minutes a signer has to approve a remote or USB signature before it expires.
MOTCUA_SIGNING_PENDING_MINUTES = env_int("MOTCUA_SIGNING_PENDING_MINUTES", 15)
# Seconds to wait for a remote-signing service's answer.
MOTCUA_SIGNING_REMOTE_TIMEOUT = env_int("MOTCUA_SIGNING_REMOTE_TIMEOUT", 10)
