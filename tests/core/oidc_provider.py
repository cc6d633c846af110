"""An OpenID Connect provider for the tests: a real HTTP server on 127.0.0.1 in a thread.

It serves the discovery document, the key set, the authorization endpoint (redirecting back with
a code and the state), the token endpoint (checking the client secret, the redirect URI and the
PKCE verifier; answering an RS256 id token signed with PyJWT) and userinfo. Knobs make it answer
bad tokens: ``id_token_claims`` (claims merged into the next id tokens), ``sign_with`` (another
private key) and ``userinfo_claims``.

Use ``OIDCProvider.start()`` / ``.stop()`` or the ``oidc_provider`` fixture (tests/conftest).
"""

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID = "motcua-test"
CLIENT_SECRET = "test-secret-not-real"


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class Grant:
    client_id: str
    redirect_uri: str
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    claims: dict[str, Any]


@dataclass
class OIDCProvider:
    key: rsa.RSAPrivateKey = field(default_factory=new_key)
    kid: str = "test-key-1"
    subject_claims: dict[str, Any] = field(
        default_factory=lambda: {
            "sub": "vneid-000123",
            "name": "Nguyễn Văn Thử",
            "email": "thu.nguyen@example.vn",
            "email_verified": True,
        }
    )
    id_token_claims: dict[str, Any] = field(default_factory=dict)
    userinfo_claims: dict[str, Any] = field(default_factory=dict)
    sign_with: rsa.RSAPrivateKey | None = None
    grants: dict[str, Grant] = field(default_factory=dict)
    tokens: dict[str, dict[str, Any]] = field(default_factory=dict)
    token_requests: list[dict[str, str]] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def issuer(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def jwks(self) -> dict[str, Any]:
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        public.update({"kid": self.kid, "use": "sig", "alg": "RS256"})
        return {"keys": [public]}

    def sign(self, claims: dict[str, Any], *, audience: str = CLIENT_ID, **extra: Any) -> str:
        """A token as this provider signs it (tests of verify_bearer use it directly)."""
        now = int(time.time())
        body = {"iss": self.issuer, "aud": audience, "iat": now, "exp": now + 300, **claims}
        body.update(extra)
        key = self.sign_with or self.key
        return jwt.encode(body, key, algorithm="RS256", headers={"kid": self.kid})

    def authorize(self, query: dict[str, str]) -> str:
        code = secrets.token_urlsafe(16)
        self.grants[code] = Grant(
            client_id=query.get("client_id", ""),
            redirect_uri=query.get("redirect_uri", ""),
            nonce=query.get("nonce"),
            code_challenge=query.get("code_challenge"),
            code_challenge_method=query.get("code_challenge_method"),
            claims=dict(self.subject_claims),
        )
        back = {"code": code, "state": query.get("state", "")}
        return f"{query.get('redirect_uri', '')}?{urlencode(back)}"

    def token(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        self.token_requests.append(form)
        grant = self.grants.pop(form.get("code", ""), None)
        if grant is None or form.get("client_secret") != CLIENT_SECRET:
            return 400, {"error": "invalid_grant"}
        if form.get("redirect_uri") != grant.redirect_uri or form.get("client_id") != CLIENT_ID:
            return 400, {"error": "invalid_grant"}
        if grant.code_challenge:
            digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
            challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
            if grant.code_challenge_method != "S256" or challenge != grant.code_challenge:
                return 400, {"error": "invalid_grant", "error_description": "PKCE"}
        access = secrets.token_urlsafe(24)
        self.tokens[access] = {**grant.claims, **self.userinfo_claims}
        nonce = {"nonce": grant.nonce} if grant.nonce else {}
        id_token = self.sign({**grant.claims, **nonce, **self.id_token_claims})
        return 200, {"access_token": access, "token_type": "Bearer", "id_token": id_token}

    def start(self) -> "OIDCProvider":
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


def _handler(provider: OIDCProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # quiet
            return

        def _json(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            url = urlparse(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/.well-known/openid-configuration":
                base = provider.issuer
                self._json(
                    200,
                    {
                        "issuer": base,
                        "authorization_endpoint": f"{base}/authorize",
                        "token_endpoint": f"{base}/token",
                        "userinfo_endpoint": f"{base}/userinfo",
                        "jwks_uri": f"{base}/jwks",
                        "id_token_signing_alg_values_supported": ["RS256"],
                        "code_challenge_methods_supported": ["S256"],
                    },
                )
            elif url.path == "/jwks":
                self._json(200, provider.jwks())
            elif url.path == "/authorize":
                self.send_response(302)
                self.send_header("Location", provider.authorize(query))
                self.end_headers()
            elif url.path == "/userinfo":
                token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                claims = provider.tokens.get(token)
                self._json(200, claims) if claims else self._json(401, {"error": "invalid"})
            else:
                self._json(404, {"error": "not found"})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            if urlparse(self.path).path == "/token":
                self._json(*provider.token(form))
            else:
                self._json(404, {"error": "not found"})

    return Handler
