"""A page checker for view tests, built on the standard library's HTML parser."""

from html.parser import HTMLParser

RTL = {"ar", "fa", "ps", "ckb"}
LABELLED_INPUTS = {"input", "select", "textarea"}
UNLABELLED_TYPES = {"hidden", "submit", "button", "image", "reset"}


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.labels_for, self.controls, self.forms = [], set(), [], []
        self.html_attrs, self.h1_texts, self.title = {}, [], ""
        self._in = {"title": False, "h1": False, "label": 0}
        self._form = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "html":
            self.html_attrs = attrs
        elif tag == "title":
            self._in["title"] = True
        elif tag == "h1":
            self._in["h1"] = True
            self.h1_texts.append("")
        elif tag == "label":
            self._in["label"] += 1
            if attrs.get("for"):
                self.labels_for.add(attrs["for"])
        elif tag == "form":
            self._form = {"method": (attrs.get("method") or "get").lower(), "csrf": False, "action": attrs.get("action")}
            self.forms.append(self._form)
        elif tag in LABELLED_INPUTS:
            if tag == "input" and attrs.get("name") == "csrf_token" and self._form is not None:
                self._form["csrf"] = True
            if tag == "input" and (attrs.get("type") or "text") in UNLABELLED_TYPES:
                return
            self.controls.append((tag, attrs, self._in["label"] > 0))

    def handle_endtag(self, tag):
        if tag == "title":
            self._in["title"] = False
        elif tag == "h1":
            self._in["h1"] = False
        elif tag == "label":
            self._in["label"] -= 1
        elif tag == "form":
            self._form = None

    def handle_data(self, data):
        if self._in["title"]:
            self.title += data
        if self._in["h1"]:
            self.h1_texts[-1] += data


def _squash(text):
    return " ".join(text.split())


class PageChecker:
    """Call with a response (and the expected status and locale); returns the parsed page."""

    def __call__(self, response, status=200, locale="en"):
        assert response.status_code == status, (response.status_code, response.get_data(as_text=True)[:2000])
        assert response.mimetype == "text/html"
        page = _Collector()
        page.feed(response.get_data(as_text=True))
        assert page.html_attrs.get("lang") == locale
        assert page.html_attrs.get("dir") == ("rtl" if locale in RTL else "ltr")
        assert len(page.h1_texts) == 1, f"expected one h1, found {page.h1_texts}"
        h1 = _squash(page.h1_texts[0])
        title = _squash(page.title)
        first_word, _space, rest = title.partition(" ")
        unprefixed = rest if first_word.endswith(":") else title  # "Error: " before an invalid form's title
        assert h1 and unprefixed.startswith(h1), (title, h1)
        duplicates = {i for i in page.ids if page.ids.count(i) > 1}
        assert not duplicates, f"duplicate ids: {duplicates}"
        for tag, attrs, wrapped in page.controls:
            labelled = wrapped or attrs.get("id") in page.labels_for or attrs.get("aria-label") or attrs.get("aria-labelledby")
            assert labelled, f"unlabelled {tag}: {attrs}"
        for form in page.forms:
            if form["method"] == "post" and not (form["action"] or "").endswith("/exit"):
                assert form["csrf"], f"POST form without CSRF token: {form}"
        page.h1 = h1
        page.title_text = title
        return page
