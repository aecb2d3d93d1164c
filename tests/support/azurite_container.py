"""Create a blob container in Azurite (idempotent), using only the standard library.

Usage: python azurite_container.py <endpoint e.g. http://127.0.0.1:10000/devstoreaccount1> <container>
Azurite's well-known development account and key are public (documented by Microsoft).
"""
import base64, hashlib, hmac, sys, urllib.error, urllib.parse, urllib.request
from email.utils import formatdate

ACCOUNT = "devstoreaccount1"
KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

endpoint, container = sys.argv[1].rstrip("/"), sys.argv[2]
url = f"{endpoint}/{container}?restype=container"
path = urllib.parse.urlparse(url).path
date = formatdate(usegmt=True)
version = "2021-08-06"
string_to_sign = "\n".join(
    ["PUT", "", "", "", "", "", "", "", "", "", "", ""]
    + [f"x-ms-date:{date}", f"x-ms-version:{version}", f"/{ACCOUNT}{path}\nrestype:container"]
)
sig = base64.b64encode(hmac.new(base64.b64decode(KEY), string_to_sign.encode(), hashlib.sha256).digest()).decode()
req = urllib.request.Request(url, method="PUT", data=None, headers={
    "x-ms-date": date, "x-ms-version": version, "Authorization": f"SharedKey {ACCOUNT}:{sig}", "Content-Length": "0",
})
try:
    urllib.request.urlopen(req, timeout=10)
except urllib.error.HTTPError as e:
    if e.code != 409:  # 409: already exists
        sys.exit(f"create container {container}: HTTP {e.code} {e.read()[:300]!r}")
