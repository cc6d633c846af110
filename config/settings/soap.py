"""The SOAP service (spyne) and outbound SOAP peers (zeep): body limits, timeouts.

Every value from the environment, listed in deploy/env.example."""

import json

from .env import env_int, env_list, env_str

# The address written into the WSDL (never the Host of a request: spyne would cache it)
MOTCUA_SOAP_PUBLIC_URL = env_str("MOTCUA_SOAP_PUBLIC_URL") or "http://localhost:8000/soap/"
# The largest request body read (attachments are base64 inside it); more is a fault, 413
MOTCUA_SOAP_MAX_BODY_BYTES = env_int("MOTCUA_SOAP_MAX_BODY_BYTES", 20 * 1024 * 1024)
# Calls per client (django-ratelimit's "<count>/<s|m|h|d>")
MOTCUA_SOAP_RATE = env_str("MOTCUA_SOAP_RATE") or "120/m"
# Mutual TLS: the header the proxy sets to the verified client certificate (URL-escaped PEM,
# nginx's $ssl_client_escaped_cert, or its hex SHA-256), trusted only from these proxy
# addresses (REMOTE_ADDR); none: certificates are not used
MOTCUA_SOAP_CERT_HEADER = env_str("MOTCUA_SOAP_CERT_HEADER") or "X-SSL-Client-Cert"
MOTCUA_SOAP_TRUSTED_PROXIES = env_list("MOTCUA_SOAP_TRUSTED_PROXIES")

# Outbound SOAP peers (integrations.interop): a JSON object, by peer name, of
# {"wsdl": url, "connect_timeout": s, "read_timeout": s, "verify": true|false|"/ca.pem",
#  "username": "...", "password": "..."} (username/password: a WS-Security UsernameToken)
MOTCUA_INTEROP_PEERS = json.loads(env_str("MOTCUA_INTEROP_PEERS") or "{}")
