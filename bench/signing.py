"""Benchmark: PAdES B-T signatures with a PKCS#12 signer, per second on one core (one
process), and the time to verify a signed document; a baseline in the same run: pyHanko
with its defaults and nothing cached (the PKCS#12 file parsed for every signature, the
stamp's whole font subset each time, the signature's size estimated by a dry run).

Both sides sign the same one-page document rendered by the house templates, with a
visible stamp in Tinos and a timestamp from the in-process development TSA (an HTTP TSA
adds its round trip). Rates are per CPU second of this process (the machine is shared;
wall-clock rates are printed too). No database. The last line is one JSON object:
{"signatures_per_s_per_core", "validate_ms", "baseline_signatures_per_s", ...}

    python bench/signing.py [--quick] [-n N]

Figures: see docs/signing.md ("Cost").
"""

import argparse
import io
import json
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("MOTCUA_VAR_DIR", tempfile.mkdtemp(prefix="motcua-bench-"))
os.environ["MOTCUA_SIGNING_DEV"] = "1"
os.environ["MOTCUA_SIGNING_LT"] = "0"
os.environ["MOTCUA_SIGNING_TSA_URL"] = ""


def _timed(n: int, work: Any) -> tuple[float, float]:
    """(per CPU second, per wall second) over ``n`` calls of ``work(i)``."""
    wall, cpu = time.perf_counter(), time.process_time()
    for i in range(n):
        work(i)
    return n / (time.process_time() - cpu), n / (time.perf_counter() - wall)


def measure(n: int, n_baseline: int, n_validate: int) -> dict[str, Any]:
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
    from pyhanko.stamp import TextStampStyle

    from signing.devca import dev_ca_create, dev_signer_issue
    from signing.keys import asn1_cert, asn1_key
    from signing.models import SignerProfile
    from signing.rendering import document_render_source, sample_context
    from signing.services import StampText, pdf_sign
    from signing.stamp import FONT_FILE
    from signing.verification import pdf_verify

    ca, _created = dev_ca_create()
    path, passphrase, _cert = dev_signer_issue(
        ca=ca, file_name="bench", common_name="Nguyễn Văn Á", organisation="Sở GD&ĐT"
    )
    body = '{% extends "documents/base.html" %}{% block body %}<p>Quyết định.</p>{% endblock %}'
    pdf = document_render_source(body=body, context=sample_context(), name="bench")
    profile = SignerProfile(
        name="Nguyễn Văn Á",
        kind="personal",
        backend="pkcs12",
        config={"path": str(path), "passphrase": passphrase},
    )
    stamp = StampText(name="Nguyễn Văn Á", title="Giám đốc", organisation="Sở GD&ĐT")

    def ours(i: int) -> bytes:
        return pdf_sign(pdf=pdf, signer=profile, stamp=stamp, reason="Ký", field_name="leader")

    ours(0)  # the first signature of a process parses the key and cuts the font
    per_cpu, per_wall = _timed(n, ours)

    def baseline(i: int) -> None:
        signer = signers.SimpleSigner.load_pkcs12(str(path), passphrase=passphrase.encode())
        stamper = DummyTimeStamper(tsa_cert=asn1_cert(ca.tsa.cert), tsa_key=asn1_key(ca.tsa.key))
        style = TextStampStyle(
            stamp_text="\n".join(stamp.lines()),
            text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(str(FONT_FILE))),
        )
        meta = signers.PdfSignatureMetadata(
            field_name="leader", subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256"
        )
        spec = fields.SigFieldSpec("leader", box=(380, 36, 560, 92), on_page=-1)
        pdf_signer = signers.PdfSigner(
            meta, signer, timestamper=stamper, stamp_style=style, new_field_spec=spec
        )
        pdf_signer.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), output=io.BytesIO())

    base_cpu, base_wall = _timed(n_baseline, baseline)

    signed = ours(0)
    assert pdf_verify(signed).valid
    durations, cpu = [], []
    for _ in range(n_validate):
        started, started_cpu = time.perf_counter(), time.process_time()
        pdf_verify(signed)
        durations.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return {
        "signatures_per_s_per_core": round(per_cpu, 1),
        "validate_ms": round(statistics.median(durations), 1),
        "validate_ms_cpu": round(statistics.median(cpu), 1),
        "baseline_signatures_per_s": round(base_cpu, 1),
        "signatures_per_s_wall": round(per_wall, 1),
        "baseline_signatures_per_s_wall": round(base_wall, 1),
        "speedup": round(per_cpu / base_cpu, 1),
        "signatures": n,
        "baseline_signatures": n_baseline,
        "signed_bytes": len(signed),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="under a minute")
    parser.add_argument("-n", type=int, default=0, help="signatures (ours)")
    args = parser.parse_args()
    n = args.n or (40 if args.quick else 400)
    import django

    django.setup()
    logging.disable(logging.WARNING)
    print(json.dumps(measure(n, max(5, n // 8), 10 if args.quick else 50)))


if __name__ == "__main__":
    main()
