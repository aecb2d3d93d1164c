"""Verify a mapwright manifest with the reference DSSE implementation (securesystemslib).

Usage: python dsse_verify.py <manifest.dsse.json> <public-key.pem> <key id>
Prints the in-toto statement's predicateType and subject count on success; exits 1 on failure.
"""
import json
import sys

from cryptography.hazmat.primitives.serialization import load_pem_public_key
from securesystemslib.dsse import Envelope
from securesystemslib.signer import SSlibKey

envelope_path, key_path, keyid = sys.argv[1:4]
with open(envelope_path, encoding="utf-8") as f:
    envelope = Envelope.from_dict(json.load(f))
with open(key_path, "rb") as f:
    key = SSlibKey.from_crypto(load_pem_public_key(f.read()), keyid=keyid)
try:
    envelope.verify([key], 1)
except Exception as e:  # VerificationError and friends
    print(f"verification failed: {e}")
    sys.exit(1)
statement = json.loads(envelope.payload)
print(statement["predicateType"], len(statement["subject"]))
