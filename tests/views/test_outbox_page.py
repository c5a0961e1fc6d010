"""The admin's outbox page: what waits, what could not be sent, who has no address, and trying again."""

from sqlalchemy import select

from portal.extensions import db
from portal.models import OutboxMessage, OutboxStatus
from portal.models.support import SupportKind
from tests.conftest import csrf_from
from tests.support_requests import make_request, outbox


def _fail(app, message_id):
    with app.app_context():
        message = db.session.get(OutboxMessage, message_id)
        message.status, message.attempts, message.last_error = OutboxStatus.FAILED, 12, "ConnectionRefusedError"
        db.session.commit()


def test_the_outbox_page_shows_each_state(app, world, signed_in, check_page):
    make_request(app, world, "demo-carer", "Jordan", SupportKind.INDEPENDENT_VISITOR)  # the service, and Jordan
    admin = signed_in("demo-admin")
    page = admin.get("/admin/outbox")
    assert check_page(page).h1 == "Emails"
    text = " ".join(page.get_data(as_text=True).split())
    assert "<dt>Waiting to be sent</dt><dd>1</dd>" in text
    assert "<dt>No email address to send to</dt><dd>1</dd>" in text
    assert "Jordan (Young person)" in text  # Jordan has no email address: kept, and shown here
    assert 'href="/admin/outbox"' in admin.get("/admin").get_data(as_text=True)


def test_an_admin_can_try_a_failed_email_again_once(app, world, signed_in, check_page):
    make_request(app, world, "demo-child", "Alex")
    with app.app_context():
        message_id = db.session.scalar(select(OutboxMessage.id))
    _fail(app, message_id)
    admin = signed_in("demo-admin")
    page = admin.get("/admin/outbox")
    check_page(page)
    assert "ConnectionRefusedError" in page.get_data(as_text=True)
    assert f"Try email {message_id} again" in page.get_data(as_text=True)
    response = admin.post(f"/admin/outbox/{message_id}/retry", data={"csrf_token": csrf_from(page)})
    assert response.status_code == 303
    assert outbox(app) == [("support_new_request", "advocacy@example.org", "pending")]
    with app.app_context():
        assert db.session.get(OutboxMessage, message_id).attempts == 0
    again = admin.post(f"/admin/outbox/{message_id}/retry", data={"csrf_token": csrf_from(page)})
    assert again.status_code == 303
    assert "That email is not waiting for a retry." in admin.get("/admin/outbox").get_data(as_text=True)
