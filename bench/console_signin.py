"""Signs a staff account in to the console (password, TOTP enrolment) and prints the Cookie header for wrk.

Cookies are kept by hand: the console's are Secure outside Development, and the bench talks plain http.
usage: python3 bench/console_signin.py <base> <email> <password>
"""
import base64, hashlib, hmac, re, struct, sys, time, urllib.error, urllib.parse, urllib.request

base, email, password = sys.argv[1:4]
jar = {}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


opener = urllib.request.build_opener(NoRedirect)


def call(path, form=None):
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    request = urllib.request.Request(base + path, data=data, headers={"Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())})
    try:
        response = opener.open(request)
    except urllib.error.HTTPError as e:
        response = e
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        jar[name] = rest.split(";", 1)[0]
    return response.status, response.headers.get("Location"), response.read().decode()


def token(html):
    return re.search(r'name="__RequestVerificationToken"[^>]*value="([^"]+)"', html).group(1)


def totp(secret):
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 15
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000)


_, _, page = call("/admin/signin")
status, location, _ = call("/admin/signin", {"email": email, "password": password, "returnUrl": "/admin", "__RequestVerificationToken": token(page)})
assert status == 302 and "/admin/signin/enroll" in location, (status, location)
_, _, page = call(location)
secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page).group(1)
status, _, _ = call("/admin/signin/enroll", {"code": totp(secret), "returnUrl": "/admin", "__RequestVerificationToken": token(page)})
assert status == 200, status
status, _, _ = call("/admin/orders")
assert status == 200, status
print("; ".join(f"{k}={v}" for k, v in jar.items()))
