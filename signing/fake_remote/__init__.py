"""The fake remote-signing service: an in-process stand-in for VNPT SmartCA / Viettel
MySign speaking the protocol of signing.signers.remote (docs/signing.md), mounted at
/signing-fake/. The "phone" is a page where the signed-in user approves or refuses their
own requests. Keys are issued by the development CA; the fake exists only while the
development CA is on (MOTCUA_SIGNING_DEV, never with DEBUG off: motcua.E160).

State: transactions in the cache (one hour), keys as PKCS#12 files under
MOTCUA_SIGNING_DIR/fake-remote/ with their passphrases encrypted beside them.
"""
