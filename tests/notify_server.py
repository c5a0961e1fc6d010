"""A small local fake of GOV.UK Notify's HTTP API: the documented endpoints, checking the JWT like Notify does.

POST /v2/notifications/sms and /v2/notifications/email with `Authorization: Bearer <jwt>`, where the
JWT is HS256, signed with the API key's secret, `iss` the service id, and `iat` within 30 seconds.
`refuse` holds numbers/addresses answered with 400 (as Notify answers a bad number); `fail_next`
answers that many requests with 500 first (Notify being down).
"""

import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt

SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
API_KEY = f"have_your_say_test-{SERVICE_ID}-{SECRET}"
EMAIL_TEMPLATE = "f33517ff-2a88-4f6e-b855-c550268ce08a"
SMS_TEMPLATE = "cd8b3c64-4d8a-4f2b-8b3e-1c24c1b8a6a3"


class FakeNotify:
    """Notify's API on a free local port; `received` lists what it accepted, `rejected` why it refused."""

    def __init__(self):
        self.received, self.rejected, self.refuse, self.fail_next = [], [], set(), 0
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_POST(self):  # noqa: N802 (http.server's name)
                status, body = fake.handle(self.path, self.headers.get("Authorization", ""),
                                           self.rfile.read(int(self.headers.get("Content-Length", 0))))
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def _error(self, status, error, message):
        self.rejected.append((status, message))
        return status, {"status_code": status, "errors": [{"error": error, "message": message}]}

    def handle(self, path, authorization, raw):
        scheme, _sep, token = authorization.partition(" ")
        if scheme != "Bearer" or not token:
            return self._error(401, "AuthError", "Unauthorized: authentication token must be provided")
        try:
            header = jwt.get_unverified_header(token)
            claims = jwt.decode(token, SECRET, algorithms=["HS256"], options={"verify_iat": False})
        except jwt.InvalidTokenError as error:
            return self._error(403, "AuthError", f"Invalid token: {error}")
        if header.get("alg") != "HS256" or claims.get("iss") != SERVICE_ID or abs(time.time() - claims.get("iat", 0)) > 30:
            return self._error(403, "AuthError", "Invalid token: iss or iat")
        body = json.loads(raw or b"{}")
        with self._lock:
            if self.fail_next:
                self.fail_next -= 1
                return self._error(500, "Exception", "Internal server error")
        if path == "/v2/notifications/sms":
            kind, to, template = "sms", body.get("phone_number"), SMS_TEMPLATE
        elif path == "/v2/notifications/email":
            kind, to, template = "email", body.get("email_address"), EMAIL_TEMPLATE
        else:
            return self._error(404, "NotFound", "Not found")
        if body.get("template_id") != template:
            return self._error(400, "BadRequestError", "Template not found")
        if to in self.refuse:
            return self._error(400, "ValidationError", "phone_number Not a UK mobile number")
        with self._lock:
            self.received.append({"kind": kind, "to": to, "personalisation": body.get("personalisation", {}),
                                  "reference": body.get("reference")})
        return 201, {"id": str(uuid.uuid4()), "reference": body.get("reference"), "content": {}, "template": {
            "id": template, "version": 1, "uri": f"{self.url}/v2/template/{template}"}, "uri": f"{self.url}/v2/x"}
